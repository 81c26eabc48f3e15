"use client";

import type { FocusEvent, KeyboardEvent, RefObject } from "react";
import { useEffect, useLayoutEffect, useRef, useState } from "react";
import type { ListVirtualizer } from "@/components/chat/message-virtualizer";

const moves: Record<string, (at: number, last: number) => number> = {
  ArrowUp: (at) => at - 1,
  ArrowDown: (at) => at + 1,
  Home: () => 0,
  End: (_, last) => last,
};

/**
 * Roving tabindex: the list is one Tab stop, on the message last focused (the newest by
 * default). `activeIndex` is the row the virtual window must keep mounted.
 */
export function useRovingRow(keys: string[], indexOfKey: Map<string, number>) {
  const [focusKey, setFocusKey] = useState<string | null>(null);
  const activeKey = focusKey && indexOfKey.has(focusKey) ? focusKey : (keys.at(-1) ?? null);
  const activeIndex = activeKey ? (indexOfKey.get(activeKey) ?? -1) : -1;
  /** A row to focus once the window has mounted it. */
  const pendingFocus = useRef<string | null>(null);
  return { activeKey, activeIndex, setFocusKey, pendingFocus };
}

/**
 * Moving through the list by keyboard (↑/↓, Home/End; past the oldest loads older
 * history) and jumping to a reply's parent: scroll the row into the window, then focus it.
 */
export function useRowNavigation(options: {
  roving: ReturnType<typeof useRovingRow>;
  keys: string[];
  indexOfKey: Map<string, number>;
  virtualizer: ListVirtualizer;
  scroller: RefObject<HTMLDivElement | null>;
  jumpTo?: { messageId: number; nonce: number } | null;
  hasMore: boolean;
  loadingOlder: boolean;
  onLoadOlder: () => void;
}) {
  const { roving, keys, indexOfKey, virtualizer, scroller, hasMore, loadingOlder, onLoadOlder } = options;
  const { activeKey, setFocusKey, pendingFocus } = roving;

  // A row moved to by keyboard may have been outside the window: focus it once it is mounted.
  useLayoutEffect(() => {
    const key = pendingFocus.current;
    const row = key ? scroller.current?.querySelector<HTMLElement>(`[data-row="${CSS.escape(key)}"]`) : null;
    if (!key || !row) return;
    pendingFocus.current = null;
    row.focus({ preventScroll: true });
    const at = indexOfKey.get(key);
    if (at !== undefined) virtualizer.scrollToIndex(at, { align: "auto" });
  });

  // A jump to a reply's parent, once it is in the stream: scroll to it, then focus it when mounted.
  const jumpKey = options.jumpTo ? `m${options.jumpTo.messageId}` : null;
  const jumpNonce = options.jumpTo?.nonce;
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once per jump (its nonce), when the parent has arrived.
  useEffect(() => {
    const at = jumpKey ? indexOfKey.get(jumpKey) : undefined;
    if (!jumpKey || at === undefined) return;
    pendingFocus.current = jumpKey;
    setFocusKey(jumpKey);
    virtualizer.scrollToIndex(at, { align: "center" });
  }, [jumpNonce, jumpKey !== null && indexOfKey.has(jumpKey)]);

  const onKeyDown = (event: KeyboardEvent<HTMLOListElement>) => {
    const move = moves[event.key];
    const row = (event.target as HTMLElement).closest<HTMLElement>("[data-row]");
    if (!move || !row || event.altKey || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    const at = keys.indexOf(row.dataset.row ?? "");
    const next = Math.max(0, Math.min(keys.length - 1, move(at, keys.length - 1)));
    const key = keys[next];
    if (key) {
      pendingFocus.current = key;
      setFocusKey(key);
      // Already mounted (the usual case for ↑/↓): no render is needed to move focus.
      const mounted = scroller.current?.querySelector<HTMLElement>(`[data-row="${CSS.escape(key)}"]`);
      if (mounted) {
        pendingFocus.current = null;
        mounted.focus({ preventScroll: true });
        virtualizer.scrollToIndex(indexOfKey.get(key) ?? 0, { align: "auto" });
      }
    }
    // Past the oldest message shown: fetch the page before it, as scrolling up does.
    if (next === 0 && (event.key === "Home" || at === 0) && hasMore && !loadingOlder) onLoadOlder();
  };

  const onFocus = (event: FocusEvent<HTMLOListElement>) => {
    const key = (event.target as HTMLElement).closest<HTMLElement>("[data-row]")?.dataset.row;
    if (key && key !== activeKey) setFocusKey(key);
  };

  return { onKeyDown, onFocus };
}
