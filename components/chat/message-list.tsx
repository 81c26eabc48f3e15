"use client";

import { useEffect, useLayoutEffect, useRef } from "react";
import { MessageItem, type MessageHandlers } from "@/components/chat/message-item";
import type { StreamItem } from "@/lib/client/chat-state";
import { buttonVariants } from "@/components/ui/button";

/** Where a reader left a room: restored when they come back to it. */
export interface ScrollSpot {
  top: number;
  atBottom: boolean;
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
  onScrollSpot: (spot: ScrollSpot) => void;
  handlers: MessageHandlers;
}) {
  const { items, welcome, hasMore, loaded, loadingOlder, onLoadOlder, saved, onScrollSpot, handlers } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const stickToBottom = useRef(saved?.atBottom ?? true);
  const restored = useRef(false);
  const initial = useRef(saved);
  const heightBefore = useRef<{ height: number; top: number; firstKey?: string } | null>(null);
  const firstKey = items[0]?.key;

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

  return (
    <div ref={scroller} className="flex-1 overflow-y-auto px-3 py-2 sm:px-4" tabIndex={0} aria-label="Messages">
      {hasMore ? (
        <div className="flex justify-center py-2">
          <button type="button" onClick={onLoadOlder} disabled={loadingOlder} className={buttonVariants({ variant: "link", size: "sm" })}>
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
      <ol aria-live="polite" aria-relevant="additions" className="flex flex-col gap-1">
        {items.map((item) => (
          <MessageItem key={item.key} item={item} {...handlers} />
        ))}
      </ol>
    </div>
  );
}
