"use client";

import type { KeyboardEvent, RefObject } from "react";
import { useId, useMemo, useRef, useState } from "react";
import { cn } from "@/components/ui/cn";
import { Input } from "@/components/ui/input";
import { Popover, PopoverAnchor, PopoverContent } from "@/components/ui/popover";
import type { EmojiEntry } from "@/lib/client/emoji-search";
import { buildEmojiList, COMMON_EMOJI, readRecentEmoji, recordRecentEmoji, searchEmoji } from "@/lib/client/emoji-search";
import data from "unicode-emoji-json/data-by-emoji.json";

/** Columns of the grid: arrow up/down move by this many. */
const COLUMNS = 8;
const RESULT_LIMIT = 96;

const LIST = buildEmojiList(data);
const BY_EMOJI = new Map(LIST.map((e) => [e.emoji, e]));
const GROUPS = (() => {
  const groups = new Map<string, EmojiEntry[]>();
  for (const entry of LIST) {
    const group = groups.get(entry.group) ?? [];
    group.push(entry);
    groups.set(entry.group, group);
  }
  return [...groups];
})();

const entriesOf = (emoji: readonly string[]) => emoji.map((e) => BY_EMOJI.get(e) ?? { emoji: e, name: e, group: "", words: [] });

/**
 * The emoji picker in a reaction popover: loaded lazily (it carries the emoji names).
 * Search by name; arrow keys move in the grid, Enter picks, Escape closes.
 */
export function EmojiPicker({ onPick, onClose }: { onPick: (emoji: string) => void; onClose: () => void }) {
  const [query, setQuery] = useState("");
  const [recent] = useState(() => readRecentEmoji());
  const gridRef = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(0);
  const inputId = useId();

  const sections = useMemo((): { title: string; items: EmojiEntry[] }[] => {
    if (query.trim()) return [{ title: "Results", items: searchEmoji(LIST, query, RESULT_LIMIT) }];
    return [
      ...(recent.length ? [{ title: "Recent", items: entriesOf(recent) }] : []),
      { title: "Common", items: entriesOf(COMMON_EMOJI) },
      ...GROUPS.map(([title, items]) => ({ title, items })),
    ];
  }, [query, recent]);
  const total = sections.reduce((n, s) => n + s.items.length, 0);
  const activeIndex = Math.min(active, Math.max(0, total - 1));

  const pick = (emoji: string) => {
    recordRecentEmoji(emoji);
    onPick(emoji);
  };

  const buttons = () => [...(gridRef.current?.querySelectorAll<HTMLButtonElement>("button[data-emoji]") ?? [])];
  const focusAt = (index: number) => {
    const all = buttons();
    if (all.length === 0) return;
    const next = Math.max(0, Math.min(all.length - 1, index));
    setActive(next);
    all[next]?.focus();
  };

  const onGridKey = (event: KeyboardEvent<HTMLDivElement>) => {
    const all = buttons();
    const current = all.indexOf(document.activeElement as HTMLButtonElement);
    if (current < 0) return;
    const moves: Record<string, number> = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: COLUMNS, ArrowUp: -COLUMNS };
    if (event.key in moves) {
      event.preventDefault();
      const target = current + (moves[event.key] ?? 0);
      if (target < 0 && event.key === "ArrowUp") document.getElementById(inputId)?.focus();
      else focusAt(target);
    } else if (event.key === "Home") {
      event.preventDefault();
      focusAt(0);
    } else if (event.key === "End") {
      event.preventDefault();
      focusAt(all.length - 1);
    }
  };

  let index = -1;
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: Escape anywhere in the picker closes it.
    <div
      className="flex w-[min(20rem,calc(100vw-1rem))] flex-col gap-2"
      onKeyDown={(event) => {
        if (event.key === "Escape") {
          event.preventDefault();
          event.stopPropagation();
          onClose();
        }
      }}
    >
      <label htmlFor={inputId} className="sr-only">
        Search emoji
      </label>
      <Input
        id={inputId}
        type="search"
        autoFocus
        placeholder="Search emoji"
        autoComplete="off"
        enterKeyHint="done"
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setActive(0);
        }}
        onKeyDown={(event) => {
          if (event.key === "ArrowDown") {
            event.preventDefault();
            focusAt(0);
          } else if (event.key === "Enter") {
            event.preventDefault();
            const first = sections[0]?.items[0];
            if (query.trim() && first) pick(first.emoji);
          }
        }}
      />
      <div ref={gridRef} role="group" aria-label="Emoji" className="max-h-64 overflow-y-auto overscroll-contain pr-1" onKeyDown={onGridKey}>
        {total === 0 ? (
          <p role="status" className="px-1 py-6 text-center text-sm text-muted-foreground">
            No emoji match “{query.trim()}”
          </p>
        ) : (
          sections.map((section) => (
            <section key={section.title} aria-label={section.title} className="mb-2">
              <h3 className="sticky top-0 z-10 bg-popover px-1 py-1 text-xs font-medium text-muted-foreground">{section.title}</h3>
              <div className="grid grid-cols-8 gap-0.5">
                {section.items.map((entry) => {
                  index += 1;
                  const mine = index;
                  return (
                    <button
                      key={entry.emoji}
                      type="button"
                      data-emoji={entry.emoji}
                      aria-label={entry.name}
                      title={entry.name}
                      tabIndex={mine === activeIndex ? 0 : -1}
                      onFocus={() => setActive(mine)}
                      onClick={() => pick(entry.emoji)}
                      className={cn(
                        "flex aspect-square min-h-9 items-center justify-center rounded-md text-xl leading-none",
                        "hover:bg-accent focus-visible:bg-accent focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring",
                      )}
                    >
                      {entry.emoji}
                    </button>
                  );
                })}
              </div>
            </section>
          ))
        )}
      </div>
    </div>
  );
}

/**
 * The picker in a popover beside `anchorRef` (the "Add reaction" button). Radix Popover
 * rides in this lazy chunk, not the chat's first load. Closing returns focus to the anchor.
 */
export function EmojiPickerPopover({
  anchorRef,
  onPick,
  onClose,
}: {
  anchorRef: RefObject<HTMLElement | null>;
  onPick: (emoji: string) => void;
  onClose: () => void;
}) {
  return (
    <Popover open onOpenChange={(open) => (open ? undefined : onClose())}>
      <PopoverAnchor virtualRef={anchorRef} />
      <PopoverContent
        aria-label="Emoji picker"
        role="dialog"
        align="end"
        collisionPadding={8}
        className="w-auto p-2"
        onInteractOutside={(event) => {
          // The anchor toggles the picker itself: a press on it must not close and reopen.
          if (anchorRef.current?.contains(event.target as Node)) event.preventDefault();
        }}
        onCloseAutoFocus={(event) => {
          event.preventDefault();
          anchorRef.current?.focus();
        }}
      >
        <EmojiPicker
          onPick={(emoji) => {
            onPick(emoji);
            onClose();
          }}
          onClose={onClose}
        />
      </PopoverContent>
    </Popover>
  );
}
