import type { StreamItem } from "@/lib/client/chat-state";
import { formatDate } from "@/lib/shared/format-time";

/** Messages by one author closer together than this share one header. */
export const GROUP_WINDOW_MS = 5 * 60 * 1000;

/** What the message list draws, in order: dividers between the stream's items. */
export type ListRow =
  | { type: "date"; key: string; label: string }
  | { type: "unread"; key: string }
  /** `compact`: continues the group above, so avatar, name and time are not repeated. */
  | { type: "item"; key: string; item: StreamItem; compact: boolean };

const authorOf = (item: StreamItem) => (item.kind === "message" ? item.message.author : item.kind === "pending" ? item.author : null);
const createdAtOf = (item: StreamItem) => (item.kind === "message" ? item.message.createdAt : item.createdAt);

/** Only plain text messages group: a whisper, a `/me` action, a removed message or a local line stand alone. */
function groupable(item: StreamItem): boolean {
  if (item.kind === "message") return item.message.kind === "text" && !item.message.removed;
  if (item.kind === "pending") return !item.options.kind && !item.options.whisperTo;
  return false;
}

/** The reader's local calendar day, so "Today" means the reader's today. */
function dayOf(iso: string): string | null {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  return `${date.getFullYear()}-${date.getMonth()}-${date.getDate()}`;
}

/** "Today", "Yesterday", or the date as lib/shared/format-time writes it. */
export function dayLabel(iso: string, now: Date = new Date()): string {
  const day = dayOf(iso);
  if (day === dayOf(now.toISOString())) return "Today";
  const yesterday = new Date(now);
  yesterday.setDate(now.getDate() - 1);
  if (day === dayOf(yesterday.toISOString())) return "Yesterday";
  return formatDate(iso);
}

/**
 * Where "New messages" goes when a room opens: after the last message read, if anything
 * is unread. Not for a room never read (a new member's first look at its history): there
 * the divider would only sit above everything.
 */
export function unreadAfterOnOpen(room: { unread: number; lastReadId: number }): number | null {
  return room.unread > 0 && room.lastReadId > 0 ? room.lastReadId : null;
}

export interface LayoutOptions {
  /** The room's last read message when it was opened; null when it had nothing unread. */
  unreadAfter: number | null;
  meId: string;
  now?: Date;
  /** False for the server's HTML: days are the reader's, in a zone the server does not know. */
  dates?: boolean;
}

/**
 * Groups a room's stream and places its dividers: a date divider wherever the reader's
 * day changes, and "New messages" before the first message from someone else newer than
 * what the reader had read when the room opened. A divider also ends a group.
 */
export function layoutStream(items: StreamItem[], { unreadAfter, meId, now = new Date(), dates = true }: LayoutOptions): ListRow[] {
  const rows: ListRow[] = [];
  let previous: StreamItem | null = null;
  let previousDay: string | null = null;
  let unreadPlaced = unreadAfter === null;
  for (const item of items) {
    let breaks = false;
    const createdAt = createdAtOf(item);
    const day = dates ? dayOf(createdAt) : null;
    if (day && day !== previousDay) {
      rows.push({ type: "date", key: `date-${day}`, label: dayLabel(createdAt, now) });
      previousDay = day;
      breaks = true;
    }
    if (!unreadPlaced && item.kind === "message" && item.message.id > (unreadAfter ?? 0) && item.message.author.id !== meId) {
      rows.push({ type: "unread", key: "unread" });
      unreadPlaced = true;
      breaks = true;
    }
    const author = authorOf(item);
    const before = previous ? authorOf(previous) : null;
    const compact =
      !breaks &&
      !!previous &&
      !!author &&
      before?.id === author.id &&
      groupable(item) &&
      groupable(previous) &&
      new Date(createdAt).getTime() - new Date(createdAtOf(previous)).getTime() < GROUP_WINDOW_MS;
    rows.push({ type: "item", key: item.key, item, compact });
    previous = item;
  }
  return rows;
}
