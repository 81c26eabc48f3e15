"use client";

import { SearchIcon } from "lucide-react";
import type { KeyboardEvent } from "react";
import { useCallback, useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { http, nextStep } from "@/lib/client/http";
import { aroundFirstHit, highlightParts, SEARCH_HELP } from "@/lib/client/search-text";
import type { SearchHit, SearchResult } from "@/lib/server/services/search";
import { formatDateTime } from "@/lib/shared/format-time";

type Status = { type: "idle" } | { type: "loading"; more: boolean } | { type: "error"; message: string } | { type: "done" };

/**
 * Message search over everything the person can read (GET /api/search): results newest
 * first, 20 at a time, each with its room, author, date and the matched words marked,
 * and "Jump to" that opens the room at the message. Loaded on first open (chat-app.tsx).
 * ↑/↓ move between results (↓ from the box goes to the first), Tab too; Esc closes.
 */
export function SearchPanel(props: {
  /** The query to run on open (the header box or /search); `nonce` runs it again. */
  initial: { query: string; nonce: number };
  roomTitle: (roomId: string, fallback: string) => string;
  onJump: (hit: SearchHit) => void;
  onClose: () => void;
}) {
  const { initial, roomTitle, onJump, onClose } = props;
  const [text, setText] = useState(initial.query);
  const [asked, setAsked] = useState("");
  const [hits, setHits] = useState<SearchHit[]>([]);
  const [page, setPage] = useState(1);
  const [hasMore, setHasMore] = useState(false);
  const [status, setStatus] = useState<Status>({ type: "idle" });
  const pending = useRef<AbortController | null>(null);
  const list = useRef<HTMLUListElement>(null);
  const jumping = useRef(false);

  const run = useCallback(async (query: string, wanted: number) => {
    const q = query.trim();
    if (!q) {
      setStatus({ type: "error", message: 'Type a word, a "phrase" or a filter such as from:name to search.' });
      return;
    }
    pending.current?.abort();
    const controller = new AbortController();
    pending.current = controller;
    setStatus({ type: "loading", more: wanted > 1 });
    const answer = await http<SearchResult>(`/api/search?${new URLSearchParams({ q, page: String(wanted) })}`, { signal: controller.signal });
    if (controller.signal.aborted) return;
    if (!answer.ok) {
      setStatus({ type: "error", message: [answer.error.message, nextStep(answer.error)].filter(Boolean).join(" ") });
      return;
    }
    setAsked(q);
    setPage(wanted);
    setHasMore(answer.data.hasMore);
    setHits((shown) => (wanted === 1 ? answer.data.results : [...shown, ...answer.data.results]));
    setStatus({ type: "done" });
  }, []);

  useEffect(() => {
    setText(initial.query);
    if (initial.query.trim()) void run(initial.query, 1);
  }, [initial, run]);
  useEffect(() => () => pending.current?.abort(), []);

  const results = () => [...(list.current?.querySelectorAll<HTMLButtonElement>("[data-result]") ?? [])];
  const moveFocus = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    const all = results();
    if (all.length === 0) return;
    event.preventDefault();
    const at = all.indexOf(document.activeElement as HTMLButtonElement);
    const next = event.key === "ArrowDown" ? Math.min(all.length - 1, at + 1) : at <= 0 ? -1 : at - 1;
    if (next < 0) document.getElementById("search-box")?.focus();
    else all[next]?.focus();
  };

  const busy = status.type === "loading";
  return (
    <Dialog open onOpenChange={(open) => (open ? undefined : onClose())}>
      <DialogContent
        closeLabel="Close search"
        className="top-[8dvh] w-[min(40rem,calc(100vw-1rem))] translate-y-0"
        onCloseAutoFocus={(event) => {
          // "Jump to" focuses the message it opens: focus must not go back to the search box.
          if (jumping.current) event.preventDefault();
        }}
      >
        <DialogHeader>
          <DialogTitle>Search messages</DialogTitle>
          <DialogDescription id="search-help" className="text-xs">
            {SEARCH_HELP}
          </DialogDescription>
        </DialogHeader>
        <form
          role="search"
          className="flex gap-2"
          onSubmit={(event) => {
            event.preventDefault();
            void run(text, 1);
          }}
        >
          <Input
            id="search-box"
            type="search"
            aria-label="Search for"
            aria-describedby="search-help"
            value={text}
            onChange={(event) => setText(event.target.value)}
            onKeyDown={moveFocus}
            placeholder='deploy from:ann "release notes"'
            autoComplete="off"
            maxLength={500}
          />
          <Button type="submit" disabled={busy}>
            <SearchIcon aria-hidden="true" />
            Search
          </Button>
        </form>
        <div aria-live="polite" className="text-sm">
          {status.type === "error" ? (
            <p role="alert" className="text-destructive">
              {status.message}
            </p>
          ) : busy && !status.more ? (
            <p className="text-muted-foreground">Searching…</p>
          ) : status.type === "done" && hits.length === 0 ? (
            <p className="text-muted-foreground">No messages you can read match “{asked}”. Check the spelling, use fewer words, or remove a filter.</p>
          ) : status.type === "done" ? (
            <p className="sr-only">
              {hits.length}
              {hasMore ? " or more" : ""} results for {asked}
            </p>
          ) : null}
        </div>
        {hits.length ? (
          <ul ref={list} aria-label="Search results" className="flex flex-col gap-2" onKeyDown={moveFocus}>
            {hits.map((hit) => (
              <SearchResultRow
                key={hit.message.id}
                hit={hit}
                room={roomTitle(hit.message.roomId, hit.message.roomKind === "dm" ? "Direct message" : `# ${hit.message.roomName}`)}
                onJump={() => {
                  jumping.current = true;
                  onJump(hit);
                }}
              />
            ))}
          </ul>
        ) : null}
        {hasMore ? (
          <Button variant="outline" className="self-center" disabled={busy} onClick={() => void run(asked, page + 1)}>
            {busy && status.more ? "Loading more results…" : "More results"}
          </Button>
        ) : null}
      </DialogContent>
    </Dialog>
  );
}

function SearchResultRow({ hit, room, onJump }: { hit: SearchHit; room: string; onJump: () => void }) {
  const { message } = hit;
  const shown = aroundFirstHit(message.body, hit.highlights);
  const when = formatDateTime(message.createdAt);
  return (
    <li className="rounded-md border border-border bg-background" data-testid="search-result" data-message-id={message.id}>
      <div className="flex flex-wrap items-baseline gap-x-2 px-3 pt-2 text-xs text-muted-foreground">
        <span className="font-medium text-foreground">{room}</span>
        <span>{message.author.displayName}</span>
        <time dateTime={message.createdAt}>{when}</time>
        {message.kind === "whisper" ? <span>whisper</span> : null}
      </div>
      <p className="line-clamp-4 px-3 py-1 text-sm whitespace-pre-wrap wrap-anywhere">
        {highlightParts(shown.text, shown.ranges).map((part, i) =>
          part.hit ? (
            // biome-ignore lint/suspicious/noArrayIndexKey: parts of one fixed text, never reordered.
            <mark key={i} className="rounded-sm bg-warning/30 px-0.5 text-foreground">
              {part.text}
            </mark>
          ) : (
            part.text
          ),
        )}
      </p>
      <div className="flex justify-end px-2 pb-2">
        <Button
          size="sm"
          variant="ghost"
          data-result
          onClick={onJump}
          aria-label={`Jump to the message from ${message.author.displayName} in ${room}, ${when}`}
        >
          Jump to
        </Button>
      </div>
    </li>
  );
}
