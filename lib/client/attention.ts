import type { ChatMessage, RoomKind } from "@/lib/shared/types";

/** session:activity goes out at most this often, and only on real input. */
export const ACTIVITY_INTERVAL_MS = 60_000;

/** True for the first call and then at most once per interval. */
export function createThrottle(intervalMs: number, now: () => number = Date.now): () => boolean {
  let last = Number.NEGATIVE_INFINITY;
  return () => {
    const at = now();
    if (at - last < intervalMs) return false;
    last = at;
    return true;
  };
}

export function tabTitle(totalUnread: number, conversation: string): string {
  const base = `${conversation} · Parley`;
  return totalUnread > 0 ? `(${totalUnread > 99 ? "99+" : totalUnread}) ${base}` : base;
}

/**
 * Desktop notifications, only while the tab is hidden: messages from others in other
 * rooms and in DMs, and mentions of you anywhere. A muted room notifies nothing.
 */
export function shouldNotify(input: {
  hidden: boolean;
  permission: string;
  message: ChatMessage;
  meId: string;
  activeId: string;
  roomKind: RoomKind | undefined;
  muted?: boolean;
}): boolean {
  const { hidden, permission, message, meId, activeId, roomKind, muted } = input;
  if (!hidden || permission !== "granted" || !roomKind || message.author.id === meId || muted) return false;
  return roomKind === "dm" || message.roomId !== activeId || isMentioned(message, meId);
}

const isMentioned = (message: ChatMessage, meId: string) => !!message.mentions?.userIds.includes(meId);

export function notificationText(message: ChatMessage, conversation: string, meId?: string): { title: string; body: string } {
  const who = message.author.displayName;
  if (meId && isMentioned(message, meId) && conversation.startsWith("#"))
    return { title: `${who} mentioned you in ${conversation}`, body: message.body.slice(0, 200) };
  if (message.kind === "me") return { title: conversation, body: `* ${who} ${message.body}` };
  if (message.kind === "whisper") return { title: `${who} whispered in ${conversation}`, body: message.body };
  return { title: conversation.startsWith("#") ? `${who} in ${conversation}` : who, body: message.body.slice(0, 200) };
}
