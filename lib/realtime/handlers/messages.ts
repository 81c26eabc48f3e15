import { AppError } from "@/lib/errors";
import { roomChannel, userChannel } from "@/lib/realtime/events";
import { pushToOffline } from "@/lib/realtime/push-offline";
import { on } from "@/lib/realtime/router";
import type { ParleyServer, ParleySocket, RealtimeDeps } from "@/lib/realtime/types";
import { historySchema, sendMessageSchema } from "@/lib/schemas/message";
import { whenRelayed } from "@/lib/services/typing";
import type { ChatMessage, Delivery } from "@/lib/types";

/**
 * Several nodes only: a message resent within this time after it was stored is broadcast
 * once more, cluster-wide. Its first broadcast may have died with the node that stored it
 * (killed between commit and fan-out) while the room's other members stay connected to
 * other nodes, where no reconnect catch-up runs. Clients drop ids they already have. One
 * process needs none of this: everyone reconnects after its restart and catches up.
 */
const REBROADCAST_WITHIN_MS = 120_000;

async function firstResend(deps: RealtimeDeps, message: ChatMessage): Promise<boolean> {
  if (!deps.redis || message.removed || Date.now() - Date.parse(message.createdAt) >= REBROADCAST_WITHIN_MS) return false;
  const claimed = await deps.redis.set(`${deps.redisPrefix}:resent:${message.id}`, "1", "PX", REBROADCAST_WITHIN_MS, "NX").catch(() => null);
  return claimed === "OK";
}

const broadcast = (io: ParleyServer, message: ChatMessage) => {
  // A whisper goes to its two people only; anything else to the room.
  if (message.recipient) io.to([userChannel(message.author.id), userChannel(message.recipient.id)]).emit("message:new", message);
  else io.to(roomChannel(message.roomId)).emit("message:new", message);
};

/** Membership is proven by the socket's subscription: no database read per message. */
function requireJoined(socket: ParleySocket, roomId: string) {
  if (!socket.rooms.has(roomChannel(roomId))) {
    throw new AppError("FORBIDDEN", "Join the room before sending or reading messages there.");
  }
}

export const messageRoutes = {
  "message:send": on(
    sendMessageSchema,
    async ({ io, socket, deps }, input) => {
      requireJoined(socket, input.roomId);
      const { message, dmRecipients, duplicate } = await deps.messages.send(socket.data.user, input);
      // A resend of a stored message: the sender lost the ack; the others may have lost the broadcast.
      if (duplicate) {
        if (await firstResend(deps, message)) broadcast(io, message);
        return { ...message, duplicate: true as const };
      }
      deps.moderation.messageRate.record();
      broadcast(io, message);
      // Only a sender who was typing needs a "stopped" broadcast: a second fan-out per
      // message would double the hot path's work.
      whenRelayed(deps.typing.stop(socket.data.user.id, input.roomId), () => socket.to(roomChannel(input.roomId)).emit("typing:update", { roomId: input.roomId, user: message.author, typing: false }));
      if (dmRecipients || message.recipient || message.body.includes("@")) {
        const room = await deps.rooms.getRoom(input.roomId);
        pushToOffline(deps, message, room.name, dmRecipients).catch((error) => deps.logger.warn("web push failed", error));
      }
      if (!dmRecipients) return message;
      const people = await deps.users.findPublicByIds(dmRecipients);
      const delivery: Delivery[] = await Promise.all(people.map(async (user) => ({ user, online: await deps.presence.isOnline(user.id) })));
      return { ...message, delivery };
    },
    { activity: true },
  ),

  "message:history": on(
    historySchema,
    async ({ socket, deps }, input) => {
      requireJoined(socket, input.roomId);
      return deps.messages.history(socket.data.user.id, input);
    },
    { activity: true },
  ),
};
