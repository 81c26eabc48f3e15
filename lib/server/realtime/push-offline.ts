import "server-only";
import type { RealtimeDeps } from "@/lib/server/realtime/types";
import type { ChatMessage } from "@/lib/shared/types";

const MENTION = /(?:^|[^\w@])@([a-z0-9_]{3,20})\b/gi;

/** Users a message is addressed to: DM members, the whisper's target, and @mentions in rooms. */
async function addressees(deps: RealtimeDeps, message: ChatMessage, dmRecipients?: string[]): Promise<string[]> {
  if (dmRecipients) return dmRecipients;
  if (message.recipient) return [message.recipient.id];
  const names = [...new Set([...message.body.matchAll(MENTION)].map((m) => (m[1] ?? "").toLowerCase()))].filter((n) => n !== message.author.username);
  if (names.length === 0) return [];
  const users = await deps.db.user.findMany({
    where: { username: { in: names.slice(0, 20) }, memberships: { some: { roomId: message.roomId } } },
    select: { id: true },
  });
  return users.map((u) => u.id);
}

/**
 * Web push for people with no Parley tab open. Runs after the ack, off the hot path:
 * a plain room message without mentions costs nothing here.
 */
export async function pushToOffline(deps: RealtimeDeps, message: ChatMessage, roomName: string, dmRecipients?: string[]): Promise<void> {
  const targets = await addressees(deps, message, dmRecipients);
  for (const userId of targets) {
    if (await deps.presence.isOnline(userId)) continue;
    const where = dmRecipients ? "sent you a message" : message.recipient ? "whispered to you" : `mentioned you in #${roomName}`;
    await deps.push.notifyUser(userId, {
      title: `${message.author.displayName} ${where}`,
      body: message.kind === "me" ? `* ${message.author.displayName} ${message.body}` : message.body,
      url: `/?room=${encodeURIComponent(message.roomId)}`,
      roomId: message.roomId,
      tag: `room-${message.roomId}`,
    });
  }
}
