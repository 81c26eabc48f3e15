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

/** Desktop notifications: messages from others in other rooms and in DMs, only while the tab is hidden. */
export function shouldNotify(input: {
  hidden: boolean;
  permission: string;
  message: ChatMessage;
  meId: string;
  activeId: string;
  roomKind: RoomKind | undefined;
}): boolean {
  const { hidden, permission, message, meId, activeId, roomKind } = input;
  if (!hidden || permission !== "granted" || !roomKind || message.author.id === meId) return false;
  return roomKind === "dm" || message.roomId !== activeId;
}

export function notificationText(message: ChatMessage, conversation: string): { title: string; body: string } {
  const who = message.author.displayName;
  if (message.kind === "me") return { title: conversation, body: `* ${who} ${message.body}` };
  if (message.kind === "whisper") return { title: `${who} whispered in ${conversation}`, body: message.body };
  return { title: conversation.startsWith("#") ? `${who} in ${conversation}` : who, body: message.body.slice(0, 200) };
}
