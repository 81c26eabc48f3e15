import type { StreamItem } from "@/lib/client/chat-state";

/**
 * What arrived at the end of a room's stream since `before`: the items after the last
 * one `before` already held. Nothing on a first load or a reset (no item in common), on
 * a prepend of older history (the last item is unchanged), or for a late message
 * placed among older ones. The message list only renders a window of its rows, so a
 * screen reader is told about these, never about rows the window mounts on scroll.
 */
export function arrivals(before: StreamItem[], after: StreamItem[]): StreamItem[] {
  if (before.length === 0) return [];
  const known = new Set(before.map((i) => i.key));
  for (let at = after.length - 1; at >= 0; at--) {
    if (known.has(after[at]!.key)) return after.slice(at + 1).filter((i) => !known.has(i.key));
  }
  return [];
}

/**
 * The sentence a screen reader hears for a new item, or null when it is not news to the
 * reader: their own messages (they just wrote them), sends not stored yet, removals.
 */
export function announcementOf(item: StreamItem, meId: string): string | null {
  if (item.kind === "system") return item.text;
  if (item.kind !== "message") return null;
  const { author, body, kind, removed, recipient } = item.message;
  if (author.id === meId || removed) return null;
  if (kind === "me") return `${author.displayName} ${body}`;
  if (kind === "whisper") return `${author.displayName} whispered${recipient?.id === meId ? " to you" : ""}: ${body}`;
  return `${author.displayName}: ${body}`;
}
