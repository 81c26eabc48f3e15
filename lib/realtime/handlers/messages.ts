import { AppError } from "@/lib/errors";
import { roomChannel, userChannel } from "@/lib/realtime/events";
import { pushToOffline } from "@/lib/realtime/push-offline";
import { on } from "@/lib/realtime/router";
import type { ParleySocket } from "@/lib/realtime/types";
import { historySchema, sendMessageSchema } from "@/lib/schemas/message";
import { whenRelayed } from "@/lib/services/typing";
import type { Delivery } from "@/lib/types";

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
      // A resend of a stored message: the sender lost the ack, nobody else lost anything.
      if (duplicate) return { ...message, duplicate: true as const };
      deps.moderation.messageRate.record();
      // Committed. A whisper goes to its two people only; anything else to the room.
      if (message.recipient) io.to([userChannel(message.author.id), userChannel(message.recipient.id)]).emit("message:new", message);
      else io.to(roomChannel(input.roomId)).emit("message:new", message);
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
