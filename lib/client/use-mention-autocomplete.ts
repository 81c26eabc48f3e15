"use client";

import { useMemo, useState } from "react";
import type { MentionOption, MentionToken } from "@/lib/client/mention-query";
import type { RoomMemberInfo } from "@/lib/shared/types";

/** The parts of a keyboard event the hook reads (a React KeyboardEvent fits). */
export interface MentionKeyEvent {
  key: string;
  shiftKey?: boolean;
  altKey?: boolean;
  ctrlKey?: boolean;
  metaKey?: boolean;
  nativeEvent?: { isComposing?: boolean };
  preventDefault(): void;
  stopPropagation(): void;
}

export interface MentionCompletion {
  text: string;
  caret: number;
}

/**
 * `@` autocomplete for a textarea. `caret` is the textarea's selectionStart (null while a range
 * is selected or the caret is unknown). `onComplete` receives the new text and caret when an
 * option is picked, by key (Tab/Enter) or through `pick` (a click).
 */
export function useMentionAutocomplete({
  query,
  text,
  caret,
  members,
  meId,
  canMentionHere,
  limit,
  onComplete,
}: {
  /** The matching code (lib/client/mention-query), loaded after the page: until it arrives, nothing opens. */
  query: typeof import("@/lib/client/mention-query") | null;
  text: string;
  caret: number | null;
  members: readonly RoomMemberInfo[];
  meId: string;
  canMentionHere: boolean;
  limit?: number;
  onComplete?: (next: MentionCompletion) => void;
}) {
  const token: MentionToken | null = useMemo(() => (caret === null || !query ? null : query.mentionAt(text, caret)), [query, text, caret]);
  const options = useMemo(
    () => (token && query ? query.mentionOptions(members, token.query, { meId, canMentionHere, limit }) : []),
    [query, token, members, meId, canMentionHere, limit],
  );

  const [activeIndex, setActiveIndex] = useState(0);
  // Escape closes the list for this token only: a new `@` elsewhere (or after deleting this one) opens it again.
  const [dismissedAt, setDismissedAt] = useState<number | null>(null);

  // Adjusting state while rendering (React's pattern for state derived from props): a new query
  // starts again from the first option; leaving the token forgets the dismissal.
  const key = token ? `${token.start}:${token.query}` : null;
  const [seenKey, setSeenKey] = useState<string | null>(key);
  if (key !== seenKey) {
    setSeenKey(key);
    setActiveIndex(0);
    if (!token || token.start !== dismissedAt) setDismissedAt(null);
  }

  const open = token !== null && token.start !== dismissedAt && options.length > 0;
  const index = Math.min(activeIndex, Math.max(0, options.length - 1));
  const active = open ? options[index] : undefined;

  function pick(option: MentionOption): MentionCompletion {
    const next = token && query ? query.completeMention(text, token, option) : { text, caret: caret ?? text.length };
    onComplete?.(next);
    return next;
  }

  function dismiss() {
    if (token) setDismissedAt(token.start);
  }

  /** Handles the list's keys; true when it did (the composer then does nothing else with the key). */
  function onKeyDown(event: MentionKeyEvent): boolean {
    if (!open || !active || event.nativeEvent?.isComposing) return false;
    if (event.altKey || event.ctrlKey || event.metaKey) return false;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const step = event.key === "ArrowDown" ? 1 : -1;
      setActiveIndex((index + step + options.length) % options.length);
      return true;
    }
    if ((event.key === "Tab" || event.key === "Enter") && !event.shiftKey) {
      event.preventDefault();
      pick(active);
      return true;
    }
    if (event.key === "Escape") {
      event.preventDefault();
      event.stopPropagation();
      dismiss();
      return true;
    }
    return false;
  }

  return { open, options: open ? options : [], activeIndex: index, setActiveIndex, token, active, dismiss, onKeyDown, pick };
}
