"use client";

import type { Range, VirtualItem } from "@tanstack/react-virtual";
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import type { MessageHandlers, RowAttributes } from "@/components/chat/message-item";
import { DividerRow, MessageItem } from "@/components/chat/message-item";
import { useAnnouncements } from "@/components/chat/use-announcements";
import { useRovingRow, useRowNavigation } from "@/components/chat/use-list-focus";
import { useLatest } from "@/components/chat/use-socket-event";
import { cn } from "@/components/ui/cn";
import type { VirtualModule } from "@/components/chat/message-virtualizer";
import type { ListVirtualizer } from "@/components/chat/message-virtualizer";
import { estimate, outerHeight, slotAttributes, useStaticVirtualizer, virtualModule } from "@/components/chat/message-virtualizer";
import { useLazyModule } from "@/components/ui/lazy";
import type { StreamItem } from "@/lib/client/chat-state";
import type { ListRow } from "@/lib/client/message-layout";
import { layoutStream, unreadAfterOnOpen } from "@/lib/client/message-layout";
import { buttonVariants } from "@/components/ui/button";

/** Where a reader left a room: restored when they come back to it. */
export interface ScrollSpot {
  top: number;
  atBottom: boolean;
  /** The rows' measured heights on that visit, so `top` points at the same messages again. */
  measured?: VirtualItem[];
}

/** Closer to the bottom than this (px) counts as reading the newest: new messages keep it in view. */
const AT_BOTTOM_PX = 60;
/** Rows the server renders (and the first paint shows) before the list is virtualised. */
const STATIC_TAIL = 40;

type ListProps = {
  items: StreamItem[];
  welcome: string;
  hasMore: boolean;
  loaded: boolean;
  loadingOlder: boolean;
  onLoadOlder: () => void;
  /** The stream is a window into older history (a jump from search): newer pages load as the reader scrolls down. */
  hasNewer?: boolean;
  loadingNewer?: boolean;
  onLoadNewer?: () => void;
  saved?: ScrollSpot;
  /** The room's read position and unread count from the store: "New messages" goes after the read part. */
  lastReadId: number;
  unread: number;
  onScrollSpot: (spot: ScrollSpot) => void;
  handlers: MessageHandlers;
  /** Bring this message into view and focus it (a reply's quote was clicked); `nonce` repeats a jump. */
  jumpTo?: { messageId: number; nonce: number } | null;
};

/**
 * One list per room visit. It is remounted once, when the virtualiser arrives (a hook
 * can't appear in a mounted component); what must outlive that, the "New messages"
 * position, is kept here.
 */
export function MessageList(props: ListProps) {
  const virtual = useLazyModule(virtualModule);
  useEffect(() => {
    void virtualModule.preload();
  }, []);
  // Where the reader had read up to when the stream first showed: marking the room read
  // right after must not move the divider.
  const [unreadAfter, setUnreadAfter] = useState<number | null | undefined>(undefined);
  if (props.loaded && unreadAfter === undefined) setUnreadAfter(unreadAfterOnOpen({ unread: props.unread, lastReadId: props.lastReadId }));
  return <ListBody key={virtual ? "virtual" : "static"} {...props} virtual={virtual} unreadAfter={unreadAfter ?? null} />;
}

/**
 * A room's stream, virtualised: only the rows near the viewport are in the DOM. Keeps the
 * newest message in view while the reader is at the bottom, keeps the reader's place when
 * older history is prepended above, and reopens each room where the reader left it (mount
 * one list per room).
 */
function ListBody(props: ListProps & { virtual: VirtualModule | null; unreadAfter: number | null }) {
  const { items, welcome, hasMore, loaded, loadingOlder, onLoadOlder, saved, onScrollSpot, handlers, virtual, unreadAfter } = props;
  const { hasNewer = false, loadingNewer = false, onLoadNewer } = props;
  // The message a jump landed on stays marked until the next jump.
  const jumpedKey = props.jumpTo ? `m${props.jumpTo.messageId}` : null;
  // The static first paint (server render, hydration, until the virtualiser arrives) hands over to the virtual list.
  const hydrated = virtual !== null;
  const rows = useMemo(() => layoutStream(items, { unreadAfter, meId: handlers.meId, dates: hydrated }), [items, unreadAfter, handlers.meId, hydrated]);
  const { keys, indexOfKey } = useMemo(() => {
    const itemKeys: string[] = [];
    const index = new Map<string, number>();
    rows.forEach((row, at) => {
      if (row.type !== "item") return;
      itemKeys.push(row.key);
      index.set(row.key, at);
    });
    return { keys: itemKeys, indexOfKey: index };
  }, [rows]);
  const roving = useRovingRow(keys, indexOfKey);
  const { activeKey, activeIndex } = roving;
  const spoken = useAnnouncements(items, loaded, handlers.meId);

  const scroller = useRef<HTMLDivElement>(null);
  const list = useRef<HTMLOListElement>(null);
  const initial = useRef(saved);
  const [listTop, setListTop] = useState(0);
  const spot = useRef<ScrollSpot>(saved ?? { top: 0, atBottom: true });

  // The Tab stop stays mounted wherever the window is, so Tab always reaches the list
  // and a focused message keeps focus when it scrolls out of view.
  const rangeExtractor = useCallback(
    (range: Range) => {
      const indexes = virtual ? virtual.defaultRangeExtractor(range) : [];
      if (activeIndex < 0 || indexes.includes(activeIndex)) return indexes;
      return [...indexes, activeIndex].sort((a, b) => a - b);
    },
    [activeIndex, virtual],
  );
  // One of the two for the whole life of this component: it is remounted when `virtual` arrives (MessageList).
  const useListVirtualizer = (virtual?.useVirtualizer ?? useStaticVirtualizer) as (options: Parameters<VirtualModule["useVirtualizer"]>[0]) => ListVirtualizer;
  const virtualizer = useListVirtualizer({
    count: rows.length,
    enabled: hydrated,
    getScrollElement: () => scroller.current,
    estimateSize: (at) => estimate(rows[at]),
    getItemKey: (at) => rows[at]?.key ?? at,
    measureElement: outerHeight,
    rangeExtractor,
    overscan: 8,
    scrollMargin: listTop,
    anchorTo: "end",
    // In a window into older history, a newer page must not pull the reader to its end (and on to the next page).
    followOnAppend: !hasNewer,
    scrollEndThreshold: AT_BOTTOM_PX,
    initialOffset: initial.current && !initial.current.atBottom ? initial.current.top : undefined,
    initialMeasurementsCache: initial.current && !initial.current.atBottom ? initial.current.measured : undefined,
  });

  // The header above the rows (load older, welcome) moves them down: the virtualiser needs to know by how much.
  useLayoutEffect(() => {
    const el = list.current;
    if (!el) return;
    const measure = () => setListTop(el.offsetTop);
    measure();
    const observer = new ResizeObserver(measure);
    if (el.previousElementSibling) observer.observe(el.previousElementSibling);
    return () => observer.disconnect();
  }, []);

  // Open at the newest message, unless the reader left this room somewhere above it.
  const opened = useRef(false);
  useLayoutEffect(() => {
    if (!hydrated || opened.current || rows.length === 0) return;
    opened.current = true;
    // A window opened by a jump is placed by the jump (use-list-focus), not at its end.
    if ((!initial.current || initial.current.atBottom) && !hasNewer) virtualizer.scrollToEnd();
  }, [hydrated, rows.length, virtualizer, hasNewer]);

  // Older history prepended above: the message the reader was looking at stays where it
  // was on screen. (The virtualiser's own end anchoring takes the row at the scroll
  // offset, which at the very top is the date divider, and that does not move.)
  const anchor = useRef<{ key: string; offset: number } | null>(null);
  const firstKey = keys[0];
  const noteAnchor = useCallback(() => {
    const el = scroller.current;
    if (!el || !hydrated) return;
    const top = el.scrollTop;
    const seen = virtualizer.getVirtualItems().find((v) => v.end > top && rows[v.index]?.type === "item");
    anchor.current = seen ? { key: String(seen.key), offset: seen.start - top } : null;
  }, [hydrated, rows, virtualizer]);
  const shownFirst = useRef(firstKey);
  useLayoutEffect(() => {
    const el = scroller.current;
    const held = anchor.current;
    const prepended = shownFirst.current !== undefined && firstKey !== shownFirst.current;
    shownFirst.current = firstKey;
    if (el && held && prepended) {
      const at = indexOfKey.get(held.key);
      const start = at === undefined ? undefined : virtualizer.measurementsCache[at]?.start;
      if (start !== undefined && Math.abs(start - el.scrollTop - held.offset) > 1) virtualizer.scrollToOffset(start - held.offset);
    }
    noteAnchor();
  }, [firstKey, indexOfKey, noteAnchor, virtualizer]);

  const save = useLatest(onScrollSpot);
  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const onScroll = () => {
      spot.current = { top: el.scrollTop, atBottom: el.scrollHeight - el.scrollTop - el.clientHeight < AT_BOTTOM_PX };
      save.current(spot.current);
      noteAnchor();
      if (el.scrollTop < 120 && hasMore && !loadingOlder) onLoadOlder();
      if (hasNewer && !loadingNewer && el.scrollHeight - el.scrollTop - el.clientHeight < 120) onLoadNewer?.();
    };
    el.addEventListener("scroll", onScroll, { passive: true });
    return () => el.removeEventListener("scroll", onScroll);
  }, [hasMore, loadingOlder, onLoadOlder, hasNewer, loadingNewer, onLoadNewer, save, noteAnchor]);
  // Leaving the room: remember the measured heights too, so the way back lands on the same messages.
  useLayoutEffect(() => () => save.current({ ...spot.current, measured: virtualizer.takeSnapshot() }), [save, virtualizer]);

  const { onKeyDown, onFocus } = useRowNavigation({
    roving,
    keys,
    indexOfKey,
    virtualizer,
    scroller,
    jumpTo: props.jumpTo,
    hasMore,
    loadingOlder,
    onLoadOlder,
  });

  const renderRow = (row: ListRow, slot?: RowAttributes) =>
    row.type === "item" ? (
      <MessageItem
        key={row.key}
        item={row.item}
        compact={row.compact}
        active={row.key === activeKey}
        // The row takes its slot's attributes last: the jumped-to message is marked there (globals.css).
        slot={row.key === jumpedKey ? ({ ...slot, "data-jumped": "true" } as RowAttributes) : slot}
        localTime={hydrated}
        {...handlers}
      />
    ) : (
      <DividerRow key={row.key} row={row} slot={slot} />
    );

  const virtualRows = hydrated ? virtualizer.getVirtualItems() : [];
  return (
    <>
      <div
        ref={scroller}
        role="region"
        // Before hydration the rows are a plain column; reversed, the scroll box starts at its end (the newest message).
        className={cn("relative flex-1 overflow-y-auto px-3 py-2 sm:px-4", !hydrated && "flex flex-col-reverse")}
        tabIndex={keys.length ? undefined : 0}
        aria-label="Messages"
      >
        <div>
          <div>
            {hasMore ? (
              <div className="flex justify-center py-2">
                {/* Out of the Tab order: the list's one stop is its messages; ↑ at the oldest (or Home) loads more. */}
                <button type="button" tabIndex={-1} onClick={onLoadOlder} disabled={loadingOlder} className={buttonVariants({ variant: "link", size: "sm" })}>
                  {loadingOlder ? "Loading older messages…" : "Load older messages"}
                </button>
              </div>
            ) : loaded ? (
              <p className="py-3 text-center text-xs text-muted-foreground">This is the beginning of the conversation.</p>
            ) : (
              <p className="py-3 text-center text-xs text-muted-foreground">Loading messages…</p>
            )}
            {welcome ? (
              <p className="mb-3 rounded-md bg-primary/10 px-3 py-2 text-sm text-foreground" data-testid="welcome">
                {welcome}
              </p>
            ) : null}
          </div>
          <ol
            ref={list}
            className={cn("flex flex-col", hydrated && "relative")}
            style={hydrated ? { height: virtualizer.getTotalSize() } : undefined}
            onKeyDown={onKeyDown}
            onFocus={onFocus}
          >
            {hydrated
              ? virtualRows.map((v) => {
                  const row = rows[v.index];
                  return row ? renderRow(row, slotAttributes(v, rows.length, listTop, virtualizer.measureElement)) : null;
                })
              : rows
                  .slice(-STATIC_TAIL)
                  .map((row, at, tail) => renderRow(row, { "aria-posinset": rows.length - tail.length + at + 1, "aria-setsize": rows.length }))}
          </ol>
          {hasNewer ? (
            <div className="flex justify-center py-2">
              <button type="button" onClick={onLoadNewer} disabled={loadingNewer} className={buttonVariants({ variant: "link", size: "sm" })}>
                {loadingNewer ? "Loading newer messages…" : "Load newer messages"}
              </button>
            </div>
          ) : null}
        </div>
      </div>
      {/* Beside the list, not in it: its rows are not the news, and "Messages" holds only them. */}
      <div aria-live="polite" aria-relevant="additions" className="sr-only" data-testid="message-announcements">
        {spoken.map((line) => (
          <p key={line.key}>{line.text}</p>
        ))}
      </div>
    </>
  );
}
