"use client";

import { SmilePlusIcon } from "lucide-react";
import { Suspense, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { lazyComponent } from "@/components/ui/lazy";
import type { Reaction } from "@/lib/shared/types";

/**
 * The picker (emoji names, ~1900 entries, and Radix Popover) is not part of the chat's
 * first load: it loads on first open, preloaded on hover/focus of the button.
 */
export const emojiPicker = lazyComponent(() => import("@/components/chat/emoji-picker").then((m) => m.EmojiPickerPopover));

/** "Add reaction" in a message's toolbar (or after its chips): opens the emoji picker. */
export function ReactButton({
  tabIndex,
  onPick,
  label = "Add reaction",
  className,
}: {
  tabIndex: number;
  onPick: (emoji: string) => void;
  label?: string;
  className?: string;
}) {
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLButtonElement>(null);
  const preload = () => {
    emojiPicker.preload().catch(() => undefined);
  };
  return (
    <span className="relative inline-flex">
      <Button
        ref={ref}
        variant="ghost"
        size="sm"
        className={cn("h-7 px-2 text-xs", className)}
        tabIndex={tabIndex}
        aria-label={label}
        title={label}
        aria-haspopup="dialog"
        aria-expanded={open}
        onPointerEnter={preload}
        onFocus={preload}
        onClick={() => setOpen((o) => !o)}
      >
        <SmilePlusIcon aria-hidden="true" className="size-3.5" />
      </Button>
      {open ? (
        <Suspense
          fallback={
            <span
              role="status"
              className="absolute top-full right-0 z-50 mt-1 whitespace-nowrap rounded-md border border-border bg-popover px-2 py-1 text-xs text-muted-foreground shadow-md"
            >
              Loading emoji…
            </span>
          }
        >
          <emojiPicker.Component anchorRef={ref} onPick={onPick} onClose={() => setOpen(false)} />
        </Suspense>
      ) : null}
    </span>
  );
}

/** How many names a chip lists before "and N more". */
export const REACTOR_NAMES_SHOWN = 10;

/** "Ada, Bob and you": the viewer last, as "you"; past REACTOR_NAMES_SHOWN, "and N more". */
export function reactorNames(reaction: Reaction, meId: string | null | undefined): string {
  const mine = reaction.users.some((u) => u.id === meId);
  const others = reaction.users.filter((u) => u.id !== meId).map((u) => u.displayName);
  const names = mine ? [...others.slice(0, REACTOR_NAMES_SHOWN - 1), "you"] : others.slice(0, REACTOR_NAMES_SHOWN);
  // The count may exceed the users listed (the server can cap the list).
  const more = Math.max(0, reaction.count - names.length);
  if (more > 0) return `${names.join(", ")} and ${more} more`;
  if (names.length <= 1) return names[0] ?? "";
  return `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}

/** The chip's accessible name: emoji, count, who, and what a press does. */
export function reactionLabel(reaction: Reaction, meId: string | null | undefined): string {
  const mine = reaction.users.some((u) => u.id === meId);
  const who = reactorNames(reaction, meId);
  const action = mine ? "Click to remove your reaction" : "Click to react too";
  return `${reaction.emoji} ${reaction.count} — ${who ? `${who} reacted. ` : ""}${action}`;
}

/**
 * The reactions under a message: one chip per emoji with its count; pressed when the
 * viewer is among those who gave it. A press adds or takes back the viewer's reaction.
 * Hover or focus shows who reacted (the same names are in each chip's accessible name).
 */
export function ReactionChips({
  reactions,
  meId,
  tabIndex,
  onToggle,
  onPick,
}: {
  reactions: readonly Reaction[] | undefined;
  meId: string | null | undefined;
  tabIndex: number;
  onToggle: (emoji: string, mine: boolean) => void;
  /** When given, a trailing "Add reaction" button opens the picker. */
  onPick?: (emoji: string) => void;
}) {
  const shown = (reactions ?? []).filter((r) => r.count > 0);
  if (shown.length === 0) return null;
  return (
    <ul aria-label="Reactions" className="mt-1 flex list-none flex-wrap items-center gap-1 p-0">
      {shown.map((reaction) => {
        const mine = reaction.users.some((u) => u.id === meId);
        const who = reactorNames(reaction, meId);
        return (
          <li key={reaction.emoji} className="group relative">
            <button
              type="button"
              tabIndex={tabIndex}
              aria-pressed={mine}
              aria-label={reactionLabel(reaction, meId)}
              data-emoji={reaction.emoji}
              onClick={() => onToggle(reaction.emoji, mine)}
              className={cn(
                "inline-flex h-7 min-w-11 items-center justify-center gap-1 rounded-full border px-2 text-xs tabular-nums transition-colors",
                "focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring pointer-coarse:h-8",
                mine
                  ? "border-primary/50 bg-primary/10 font-medium text-foreground hover:bg-primary/20"
                  : "border-border bg-muted text-muted-foreground hover:bg-accent hover:text-accent-foreground",
              )}
            >
              <span aria-hidden="true" className="text-sm leading-none">
                {reaction.emoji}
              </span>
              <span aria-hidden="true">{reaction.count}</span>
            </button>
            {who ? (
              <span
                aria-hidden="true"
                className="pointer-events-none invisible absolute bottom-full left-0 z-20 mb-1 w-max max-w-[16rem] rounded-md bg-foreground px-2 py-1 text-xs text-background opacity-0 shadow-md transition-opacity group-focus-within:visible group-focus-within:opacity-100 group-hover:visible group-hover:opacity-100"
              >
                {who} reacted with {reaction.emoji}
              </span>
            ) : null}
          </li>
        );
      })}
      {onPick ? (
        <li>
          <ReactButton tabIndex={tabIndex} onPick={onPick} className="h-7 rounded-full border border-border px-2 pointer-coarse:h-8" />
        </li>
      ) : null}
    </ul>
  );
}
