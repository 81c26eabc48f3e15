import type { VirtualItem, Virtualizer } from "@tanstack/react-virtual";
import type { RowAttributes } from "@/components/chat/message-item";
import { lazyModule } from "@/components/ui/lazy";
import type { ListRow } from "@/lib/client/message-layout";

// The message list's windowing: the virtualiser (loaded after the first paint), a stand-in
// until it arrives, row-height guesses and where each mounted row sits.

/** First guesses of a row's height; every mounted row is measured. */
export const estimate = (row: ListRow | undefined) => (row?.type !== "item" ? 34 : row.compact ? 28 : 64);

/** A row's height with its margins: rows are stacked by the virtualiser, not by the layout. */
export function outerHeight(el: Element): number {
  const style = getComputedStyle(el);
  return el.getBoundingClientRect().height + (Number.parseFloat(style.marginTop) || 0) + (Number.parseFloat(style.marginBottom) || 0);
}

/**
 * The virtualiser is not part of the chat's first load: the server-rendered page shows
 * the newest rows as a plain column, and the list becomes virtual once this arrives
 * (fetched as soon as the list mounts in the browser).
 */
export const virtualModule = lazyModule(() => import("@tanstack/react-virtual"));
export type VirtualModule = typeof import("@tanstack/react-virtual");
export type ListVirtualizer = Virtualizer<HTMLDivElement, Element>;

/** Until the virtualiser has loaded: nothing is windowed, nothing to scroll to. */
export const staticVirtualizer = {
  getVirtualItems: () => [],
  getTotalSize: () => 0,
  measurementsCache: [],
  scrollToEnd: () => {},
  scrollToOffset: () => {},
  scrollToIndex: () => {},
  takeSnapshot: () => undefined,
  measureElement: () => {},
} as unknown as ListVirtualizer;
export const useStaticVirtualizer = (_options: unknown): ListVirtualizer => staticVirtualizer;

export function slotAttributes(v: VirtualItem, count: number, listTop: number, measure: (el: Element | null) => void): RowAttributes {
  return {
    ref: measure,
    "data-index": v.index,
    "aria-posinset": v.index + 1,
    "aria-setsize": count,
    style: { position: "absolute", top: 0, left: 0, width: "100%", transform: `translateY(${v.start - listTop}px)` },
  };
}
