"use client";

import type { FocusEvent, KeyboardEvent } from "react";
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import type { MessageHandlers } from "@/components/chat/message-item";
import { MessageItem } from "@/components/chat/message-item";
import type { StreamItem } from "@/lib/client/chat-state";
import type { ListRow } from "@/lib/client/message-layout";
import { layoutStream, unreadAfterOnOpen } from "@/lib/client/message-layout";
import { buttonVariants } from "@/components/ui/button";

/** Where a reader left a room: restored when they come back to it. */
export interface ScrollSpot {
  top: number;
  atBottom: boolean;
}

const moves: Record<string, (at: number, last: number) => number> = {
  ArrowUp: (at) => at - 1,
  ArrowDown: (at) => at + 1,
  Home: () => 0,
  End: (_, last) => last,
};

function Divider({ row }: { row: Exclude<ListRow, { type: "item" }> }) {
  const unread = row.type === "unread";
  return (
    <li data-divider={row.type} className="my-2">
      <div
        role="separator"
        aria-label={unread ? "New messages" : row.label}
        className={`flex items-center gap-2 text-xs font-medium ${unread ? "text-destructive" : "text-muted-foreground"}`}
      >
        <span aria-hidden="true" className={`h-px flex-1 ${unread ? "bg-destructive/60" : "bg-border"}`} />
        <span aria-hidden="true">{unread ? "New messages" : row.label}</span>
        <span aria-hidden="true" className={`h-px flex-1 ${unread ? "bg-destructive/60" : "bg-border"}`} />
      </div>
    </li>
  );
}

/**
 * Keeps the newest message in view while the reader is at the bottom, keeps the
 * reader's place when older history is prepended above, and reopens each room where
 * the reader left it (mount one list per room).
 */
export function MessageList(props: {
  items: StreamItem[];
  welcome: string;
  hasMore: boolean;
  loaded: boolean;
  loadingOlder: boolean;
  onLoadOlder: () => void;
  saved?: ScrollSpot;
  /** The room's read position and unread count from the store: "New messages" goes after the read part. */
  lastReadId: number;
  unread: number;
  onScrollSpot: (spot: ScrollSpot) => void;
  handlers: MessageHandlers;
}) {
  const { items, welcome, hasMore, loaded, loadingOlder, onLoadOlder, saved, onScrollSpot, handlers, lastReadId, unread } = props;
  // Where the reader had read up to when the stream first showed: marking the room read
  // right after must not move the divider (one list is mounted per room visit).
  const [unreadAfter, setUnreadAfter] = useState<number | null | undefined>(undefined);
  if (loaded && unreadAfter === undefined) setUnreadAfter(unreadAfterOnOpen({ unread, lastReadId }));
  const rows = useMemo(() => layoutStream(items, { unreadAfter: unreadAfter ?? null, meId: handlers.meId }), [items, unreadAfter, handlers.meId]);
  const keys = useMemo(() => rows.flatMap((r) => (r.type === "item" ? [r.key] : [])), [rows]);
  // Roving tabindex: the list is one Tab stop, on the message last focused (the newest by default).
  const [focusKey, setFocusKey] = useState<string | null>(null);
  const activeKey = focusKey && keys.includes(focusKey) ? focusKey : (keys.at(-1) ?? null);
  const scroller = useRef<HTMLDivElement>(null);
  const stickToBottom = useRef(saved?.atBottom ?? true);
  const restored = useRef(false);
  const initial = useRef(saved);
  const heightBefore = useRef<{ height: number; top: number; firstKey?: string } | null>(null);
  const firstKey = items[0]?.key;

  // biome-ignore lint/correctness/useExhaustiveDependencies: runs after each change of the rendered items, to keep the scroll position.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const before = heightBefore.current;
    const spot = initial.current;
    if (!restored.current && spot && !spot.atBottom) {
      el.scrollTop = spot.top;
    } else if (before && before.firstKey !== firstKey) {
      el.scrollTop = before.top + (el.scrollHeight - before.height);
    } else if (stickToBottom.current) {
      el.scrollTop = el.scrollHeight;
    }
    restored.current = true;
    heightBefore.current = { height: el.scrollHeight, top: el.scrollTop, firstKey };
  }, [items, firstKey]);

  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const onScroll = () => {
      stickToBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 60;
      heightBefore.current = { height: el.scrollHeight, top: el.scrollTop, firstKey: heightBefore.current?.firstKey };
      onScrollSpot({ top: el.scrollTop, atBottom: stickToBottom.current });
      if (el.scrollTop < 120 && hasMore && !loadingOlder) onLoadOlder();
    };
    el.addEventListener("scroll", onScroll, { passive: true });
    return () => el.removeEventListener("scroll", onScroll);
  }, [hasMore, loadingOlder, onLoadOlder, onScrollSpot]);

  const focusRow = (key: string) => {
    const row = scroller.current?.querySelector<HTMLElement>(`[data-row="${CSS.escape(key)}"]`);
    row?.focus();
    row?.scrollIntoView({ block: "nearest" });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLOListElement>) => {
    const move = moves[event.key];
    const row = (event.target as HTMLElement).closest<HTMLElement>("[data-row]");
    if (!move || !row || event.altKey || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    const at = keys.indexOf(row.dataset.row ?? "");
    const next = Math.max(0, Math.min(keys.length - 1, move(at, keys.length - 1)));
    const key = keys[next];
    if (key) {
      setFocusKey(key);
      focusRow(key);
    }
    // Past the oldest message shown: fetch the page before it, as scrolling up does.
    if (next === 0 && (event.key === "Home" || at === 0) && hasMore && !loadingOlder) onLoadOlder();
  };

  const onFocus = (event: FocusEvent<HTMLOListElement>) => {
    const key = (event.target as HTMLElement).closest<HTMLElement>("[data-row]")?.dataset.row;
    if (key && key !== activeKey) setFocusKey(key);
  };

  return (
    <div ref={scroller} role="region" className="flex-1 overflow-y-auto px-3 py-2 sm:px-4" tabIndex={keys.length ? undefined : 0} aria-label="Messages">
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
      <ol aria-live="polite" aria-relevant="additions" className="flex flex-col" onKeyDown={onKeyDown} onFocus={onFocus}>
        {rows.map((row) =>
          row.type === "item" ? (
            <MessageItem key={row.key} item={row.item} compact={row.compact} active={row.key === activeKey} {...handlers} />
          ) : (
            <Divider key={row.key} row={row} />
          ),
        )}
      </ol>
    </div>
  );
}
