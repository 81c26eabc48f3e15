import { z } from "zod";
import { AppError } from "@/lib/errors";
import { handle } from "@/lib/realtime/handle";
import { roomChannel, userChannel } from "@/lib/realtime/events";
import type { ParleyServer, ParleySocket, RealtimeDeps } from "@/lib/realtime/types";
import { HISTORY_PAGE_SIZE } from "@/lib/schemas/message";
import { createRoomSchema, enterRoomSchema, kickSchema, listRoomsSchema, markReadSchema, roomRefSchema, updateRoomSchema } from "@/lib/schemas/rooms";
import { retryInSeconds } from "@/lib/services/rate-limit";
import { toSummary } from "@/lib/services/rooms";
import type { PublicUser } from "@/lib/types";

const publicOf = (socket: ParleySocket): PublicUser => {
  const { id, username, displayName } = socket.data.user;
  return { id, username, displayName };
};

export function registerRoomHandlers(io: ParleyServer, socket: ParleySocket, deps: RealtimeDeps) {
  const on = <S extends z.ZodType, T>(event: Parameters<ParleySocket["on"]>[0], schema: S, run: (input: z.infer<S>) => Promise<T>) =>
    socket.on(event, handle(socket, event, schema, deps.logger, run) as never);
  const me = socket.data.user;

  on("room:join", enterRoomSchema, async (input) => {
    const { room, joined, memberCount } = await deps.memberships.enter(me, input);
    const channel = roomChannel(room.id);
    // Subscribe before reading so nothing committed in between is missed; the client
    // drops any message it then receives twice by id.
    if (joined) io.in(userChannel(me.id)).socketsJoin(channel);
    else await socket.join(channel);
    if (joined) {
      socket.to(channel).emit("room:member-joined", { roomId: room.id, user: publicOf(socket), memberCount });
      const mine = (await deps.memberships.mine(me.id)).find((r) => r.id === room.id);
      if (mine) socket.to(userChannel(me.id)).emit("room:added", mine);
    }
    const summary = toSummary(room, memberCount);
    if (input.afterId !== undefined) {
      const missed = await deps.messages.since(me.id, room.id, input.afterId);
      if (missed.complete) return { room: summary, messages: missed.messages, hasMore: false, caughtUp: true };
    }
    const latest = await deps.messages.history(me.id, { roomId: room.id, limit: HISTORY_PAGE_SIZE });
    return { room: summary, messages: latest.messages, hasMore: latest.hasMore, caughtUp: input.afterId === undefined };
  });

  on("room:leave", roomRefSchema, async ({ roomId }) => {
    const { room, memberCount } = await deps.memberships.leave(me, roomId);
    io.in(userChannel(me.id)).socketsLeave(roomChannel(room.id));
    io.to(roomChannel(room.id)).emit("room:member-left", { roomId, user: publicOf(socket), memberCount });
    return null;
  });

  on("room:create", createRoomSchema, async (input) => {
    const limited = await deps.moderation.limiters.roomCreate.limit(me.id);
    if (!limited.success) throw new AppError("RATE_LIMITED", `You have created several rooms recently — try again in ${Math.ceil(retryInSeconds(limited) / 60)} min.`);
    const room = await deps.rooms.create(me, input);
    io.in(userChannel(me.id)).socketsJoin(roomChannel(room.id));
    io.to(userChannel(me.id)).emit("room:added", { ...room, unread: 0, lastReadId: 0 });
    return room;
  });

  on("room:update", updateRoomSchema, async (input) => {
    const room = await deps.rooms.update(me, input);
    io.to(roomChannel(room.id)).emit("room:updated", room);
    return room;
  });

  on("room:delete", roomRefSchema, async ({ roomId }) => {
    const { room } = await deps.rooms.remove(me, roomId);
    const channel = roomChannel(room.id);
    io.to(channel).emit("room:deleted", { roomId, name: room.name, message: `#${room.name} was deleted by ${me.displayName}. You are back in #general.` });
    io.in(channel).socketsLeave(channel);
    return null;
  });

  on("room:kick", kickSchema, async ({ roomId, username }) => {
    const { room, target, memberCount } = await deps.memberships.kick(me, roomId, username);
    const channel = roomChannel(room.id);
    io.in(userChannel(target.id)).socketsLeave(channel);
    io.to(userChannel(target.id)).emit("room:kicked", { roomId, name: room.name, message: `You were removed from #${room.name} by ${me.displayName}.` });
    io.to(channel).emit("room:member-left", { roomId, user: target, memberCount });
    return null;
  });

  on("room:list", listRoomsSchema, async ({ query }) => ({ rooms: await deps.rooms.list(query) }));

  on("room:mine", z.unknown(), async () => ({ rooms: await deps.memberships.mine(me.id) }));

  on("room:members", roomRefSchema, async ({ roomId }) => {
    if (!(await deps.memberships.isMember(roomId, me.id))) {
      throw new AppError("FORBIDDEN", "Join the room to see who is in it.");
    }
    return { members: await deps.memberships.members(roomId, new Set(await deps.presence.onlineIds())) };
  });

  on("room:read", markReadSchema, async ({ roomId, lastId }) => {
    await deps.memberships.markRead(me.id, roomId, lastId);
    return null;
  });
}
