import "server-only";
import { AppError } from "@/lib/shared/errors";
import { roomChannel, userChannel } from "@/lib/shared/events";
import { pushToOffline } from "@/lib/server/realtime/push-offline";
import type { Routes } from "@/lib/server/realtime/router";
import { on } from "@/lib/server/realtime/router";
import type { ParleyServer, ParleySocket, RealtimeDeps } from "@/lib/server/realtime/types";
import { whenRelayed } from "@/lib/server/services/typing";
import type { DeleteOwnMessageInput, EditMessageInput, ReactionInput, RemovePreviewInput } from "@/lib/shared/schemas/message";
import type { ChatMessage, Delivery, SessionUser } from "@/lib/shared/types";

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

/** How long an ack waits for the cross-node publish before going out anyway (a hung Redis). */
const PUBLISH_WAIT_MS = 1000;

/**
 * A whisper goes to its two people only; anything else to the room. With several nodes
 * the ack waits until the adapter has published the message to Redis: a node killed
 * between an ack and its publish would leave an acknowledged message that the people on
 * other nodes, who stay connected and run no catch-up, never receive.
 */
export async function broadcast(
  io: ParleyServer,
  message: ChatMessage,
  clustered: boolean,
  event: "message:new" | "message:updated" = "message:new",
): Promise<void> {
  const rooms = message.recipient ? [userChannel(message.author.id), userChannel(message.recipient.id)] : [roomChannel(message.roomId)];
  if (!clustered) {
    io.to(rooms).emit(event, message);
    return;
  }
  // What BroadcastOperator.emit does, keeping the adapter's promise (resolved after its publish).
  const packet = { type: 2 /* EVENT */, data: [event, message], nsp: "/" };
  const published = Promise.resolve(io.of("/").adapter.broadcast(packet, { rooms: new Set(rooms), except: new Set(), flags: {} }) as unknown);
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([published, new Promise((resolve) => (timer = setTimeout(resolve, PUBLISH_WAIT_MS)))]).finally(() => clearTimeout(timer));
}

/** Membership is proven by the socket's subscription: no database read per message. */
function requireJoined(socket: ParleySocket, roomId: string) {
  if (!socket.rooms.has(roomChannel(roomId))) {
    throw new AppError("FORBIDDEN", "Join the room before sending or reading messages there.");
  }
}

/**
 * A change to a stored message, by a member of its room: everyone who can read the
 * message sees it live (message:updated), on every node before the ack, as for new
 * messages. One that changed nothing (a reaction already there, the same text) is
 * answered without a broadcast.
 */
function changeRoute<I extends { roomId: string }>(
  apply: (deps: RealtimeDeps, user: SessionUser, input: I) => Promise<{ message: ChatMessage; changed: boolean }>,
  options: { followPreview?: boolean } = {},
) {
  return on(
    async ({ io, socket, deps }, input: I) => {
      requireJoined(socket, input.roomId);
      const result = await apply(deps, socket.data.user, input);
      if (result.changed) await broadcast(io, result.message, deps.redis?.status === "ready", "message:updated");
      if (result.changed && options.followPreview) followPreview(io, deps, result.message);
      return result.message;
    },
    { activity: true },
  );
}

/** The link's card, after the ack and off its path; it reaches readers later as message:updated. */
function followPreview(io: ParleyServer, deps: RealtimeDeps, message: ChatMessage): void {
  deps.previews.follow(message, (updated) => broadcast(io, updated, deps.redis?.status === "ready", "message:updated"));
}

export const messageRoutes = {
  "message:send": on(
    async ({ io, socket, deps }, input) => {
      requireJoined(socket, input.roomId);
      const { message, dmRecipients, duplicate } = await deps.messages.send(socket.data.user, input);
      // A resend of a stored message: the sender lost the ack; the others may have lost the broadcast.
      if (duplicate) {
        if (await firstResend(deps, message)) await broadcast(io, message, true);
        return { ...message, duplicate: true as const };
      }
      deps.moderation.messageRate.record();
      // With Redis away there is nothing to wait for: the other nodes' clients catch up
      // when it is back (cluster:resync).
      await broadcast(io, message, deps.redis?.status === "ready");
      // Only a sender who was typing needs a "stopped" broadcast: a second fan-out per
      // message would double the hot path's work.
      whenRelayed(deps.typing.stop(socket.data.user.id, input.roomId), () =>
        socket.to(roomChannel(input.roomId)).emit("typing:update", { roomId: input.roomId, user: message.author, typing: false }),
      );
      if (dmRecipients || message.recipient || message.mentions?.userIds.length) {
        const room = await deps.rooms.getRoom(input.roomId);
        pushToOffline(deps, message, room.name, dmRecipients).catch((error) => deps.logger.warn("web push failed", error));
      }
      const delivery: Delivery[] | undefined = dmRecipients
        ? await Promise.all((await deps.users.findPublicByIds(dmRecipients)).map(async (user) => ({ user, online: await deps.presence.isOnline(user.id) })))
        : undefined;
      // Last before the ack, so the card's work (which waits a turn of the event loop) starts after it.
      followPreview(io, deps, message);
      return delivery ? { ...message, delivery } : message;
    },
    { activity: true },
  ),

  // An edit to another link drops the old card (in the edit itself) and looks up the new one.
  "message:edit": changeRoute((deps, user, input: EditMessageInput) => deps.changes.edit(user, input), { followPreview: true }),
  "message:delete": changeRoute((deps, user, input: DeleteOwnMessageInput) => deps.changes.deleteOwn(user, input)),
  "message:remove-preview": changeRoute((deps, user, input: RemovePreviewInput) => deps.previews.remove(user, input)),
  "reaction:add": changeRoute((deps, user, input: ReactionInput) => deps.changes.addReaction(user, input)),
  "reaction:remove": changeRoute((deps, user, input: ReactionInput) => deps.changes.removeReaction(user, input)),

  "message:history": on(
    async ({ socket, deps }, input) => {
      requireJoined(socket, input.roomId);
      return deps.messages.history(socket.data.user.id, input);
    },
    { activity: true },
  ),
} satisfies Partial<Routes>;
