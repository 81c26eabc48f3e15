import "server-only";
import type { RealtimeDeps } from "@/lib/server/realtime/types";
import type { ChatMessage } from "@/lib/shared/types";

/** Users a message is addressed to: DM members, the whisper's target, and the people it mentions (resolved by the server when it was stored). */
function addressees(message: ChatMessage, dmRecipients?: string[]): string[] {
  if (dmRecipients) return dmRecipients;
  if (message.recipient) return [message.recipient.id];
  return message.mentions?.userIds ?? [];
}

/**
 * Web push for people with no Parley tab open. Runs after the ack, off the hot path:
 * a plain room message without mentions costs nothing here.
 */
export async function pushToOffline(deps: RealtimeDeps, message: ChatMessage, roomName: string, dmRecipients?: string[]): Promise<void> {
  const targets = addressees(message, dmRecipients);
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
