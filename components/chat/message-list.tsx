"use client";

import { useEffect, useLayoutEffect, useRef } from "react";
import { Avatar } from "@/components/ui/avatar";
import type { StreamItem } from "@/lib/client/chat-state";

function timeOf(iso: string) {
  const d = new Date(iso);
  return { short: d.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" }), full: d.toLocaleString() };
}

/**
 * Keeps the newest message in view while the reader is at the bottom, and keeps
 * the reader's place when older history is prepended above.
 */
export function MessageList(props: {
  items: StreamItem[];
  welcome: string;
  hasMore: boolean;
  loadingOlder: boolean;
  onLoadOlder: () => void;
  onRetry: (clientId: string, body: string) => void;
}) {
  const { items, welcome, hasMore, loadingOlder, onLoadOlder, onRetry } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const stickToBottom = useRef(true);
  const heightBefore = useRef<{ height: number; top: number; firstKey?: string } | null>(null);
  const firstKey = items[0]?.key;

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const before = heightBefore.current;
    if (before && before.firstKey !== firstKey) {
      el.scrollTop = before.top + (el.scrollHeight - before.height);
    } else if (stickToBottom.current) {
      el.scrollTop = el.scrollHeight;
    }
    heightBefore.current = { height: el.scrollHeight, top: el.scrollTop, firstKey };
  }, [items, firstKey]);

  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const onScroll = () => {
      stickToBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 60;
      heightBefore.current = { height: el.scrollHeight, top: el.scrollTop, firstKey: heightBefore.current?.firstKey };
      if (el.scrollTop < 120 && hasMore && !loadingOlder) onLoadOlder();
    };
    el.addEventListener("scroll", onScroll, { passive: true });
    return () => el.removeEventListener("scroll", onScroll);
  }, [hasMore, loadingOlder, onLoadOlder]);

  return (
    <div ref={scroller} className="flex-1 overflow-y-auto px-3 py-2 sm:px-4" tabIndex={0} aria-label="Messages">
      {hasMore ? (
        <div className="flex justify-center py-2">
          <button type="button" onClick={onLoadOlder} disabled={loadingOlder} className="rounded-md px-3 py-1 text-sm text-indigo-600 hover:underline disabled:opacity-60 dark:text-indigo-400">
            {loadingOlder ? "Loading older messages…" : "Load older messages"}
          </button>
        </div>
      ) : (
        <p className="py-3 text-center text-xs text-zinc-500 dark:text-zinc-400">This is the beginning of the conversation.</p>
      )}
      {welcome ? (
        <p className="mb-3 rounded-md bg-indigo-50 px-3 py-2 text-sm text-indigo-900 dark:bg-indigo-950 dark:text-indigo-100" data-testid="welcome">
          {welcome}
        </p>
      ) : null}
      <ol aria-live="polite" aria-relevant="additions" className="flex flex-col gap-1">
        {items.map((item) => {
          if (item.kind === "system") {
            return (
              <li key={item.key} className="py-0.5 text-center text-xs text-zinc-500 dark:text-zinc-400" data-kind="system">
                {item.text}
              </li>
            );
          }
          const author = item.kind === "message" ? item.message.author : item.author;
          const body = item.kind === "message" ? item.message.body : item.body;
          const time = timeOf(item.kind === "message" ? item.message.createdAt : item.createdAt);
          return (
            <li key={item.key} className="flex gap-3 rounded-md px-1 py-1.5 hover:bg-zinc-50 dark:hover:bg-zinc-900" data-kind={item.kind}>
              <Avatar id={author.id} name={author.displayName} />
              <div className="min-w-0 flex-1">
                <p className="flex items-baseline gap-2">
                  <span className="font-semibold">{author.displayName}</span>
                  <time dateTime={item.kind === "message" ? item.message.createdAt : item.createdAt} title={time.full} className="text-xs text-zinc-500 dark:text-zinc-400">
                    {time.short}
                  </time>
                </p>
                <p className={`whitespace-pre-wrap break-words ${item.kind === "pending" ? "opacity-60" : ""}`}>{body}</p>
                {item.kind === "pending" ? (
                  item.error ? (
                    <p className="text-sm text-red-600 dark:text-red-400" role="alert">
                      Not sent: {item.error}{" "}
                      <button type="button" className="font-medium underline" onClick={() => onRetry(item.clientId, item.body)}>
                        Retry
                      </button>
                    </p>
                  ) : (
                    <p className="text-xs text-zinc-500 dark:text-zinc-400">Sending…</p>
                  )
                ) : null}
              </div>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
