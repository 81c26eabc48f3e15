import "server-only";
import { joinEverywhere, leaveEverywhere } from "@/lib/server/realtime/cluster";
import { AppError } from "@/lib/shared/errors";
import { roomChannel, userChannel } from "@/lib/shared/events";
import type { Routes } from "@/lib/server/realtime/router";
import { on } from "@/lib/server/realtime/router";
import type { ParleySocket } from "@/lib/server/realtime/types";
import { HISTORY_PAGE_SIZE } from "@/lib/shared/schemas/message";
import { retryInSeconds } from "@/lib/server/services/rate-limit";
import { toSummary } from "@/lib/server/services/rooms";
import type { PublicUser } from "@/lib/shared/types";

const publicOf = (socket: ParleySocket): PublicUser => {
  const { id, username, displayName } = socket.data.user;
  return { id, username, displayName };
};

/** A catch-up join after a reconnect is the client's doing, not the person's. */
const isCatchUp = (payload: unknown) => typeof (payload as { afterId?: unknown } | null)?.afterId === "number";

export const roomRoutes = {
  "room:join": on(
    async ({ io, socket, deps }, input) => {
      const me = socket.data.user;
      const { room, joined, memberCount } = await deps.memberships.enter(me, input);
      const channel = roomChannel(room.id);
      // Subscribe before reading so nothing committed in between is missed; the client
      // drops any message it then receives twice by id.
      if (joined) joinEverywhere(io, userChannel(me.id), channel);
      else await socket.join(channel);
      if (joined) {
        socket.to(channel).emit("room:member-joined", { roomId: room.id, user: publicOf(socket), memberCount });
        const mine = (await deps.memberships.mine(me.id)).find((r) => r.id === room.id);
        if (mine) socket.to(userChannel(me.id)).emit("room:added", mine);
      }
      const summary = toSummary(room, memberCount);
      // Read before the messages: a change committed after this number reaches the client
      // live (it is subscribed already) or in its next catch-up; never in neither.
      const changeSeq = await deps.messages.changeSeq(room.id);
      if (input.afterId !== undefined) {
        const missed = await deps.messages.since(me.id, room.id, input.afterId, input.afterChange);
        if (missed.complete) return { room: summary, messages: missed.messages, changed: missed.changed, hasMore: false, caughtUp: true, changeSeq };
      }
      const latest = await deps.messages.history(me.id, { roomId: room.id, limit: HISTORY_PAGE_SIZE });
      return { room: summary, messages: latest.messages, hasMore: latest.hasMore, caughtUp: input.afterId === undefined, changeSeq };
    },
    { activity: (payload) => !isCatchUp(payload) },
  ),

  "room:leave": on(
    async ({ io, socket, deps }, { roomId }) => {
      const { room, memberCount } = await deps.memberships.leave(socket.data.user, roomId);
      leaveEverywhere(io, userChannel(socket.data.user.id), roomChannel(room.id));
      io.to(roomChannel(room.id)).emit("room:member-left", { roomId, user: publicOf(socket), memberCount });
      return null;
    },
    { activity: true },
  ),

  "room:create": on(
    async ({ io, socket, deps }, input) => {
      const me = socket.data.user;
      const limited = await deps.moderation.limiters.roomCreate.limit(me.id);
      if (!limited.success)
        throw new AppError("RATE_LIMITED", `You have created several rooms recently — try again in ${Math.ceil(retryInSeconds(limited) / 60)} min.`);
      const room = await deps.rooms.create(me, input);
      joinEverywhere(io, userChannel(me.id), roomChannel(room.id));
      io.to(userChannel(me.id)).emit("room:added", { ...room, unread: 0, lastReadId: 0 });
      return room;
    },
    { activity: true },
  ),

  "room:update": on(
    async ({ io, socket, deps }, input) => {
      const room = await deps.rooms.update(socket.data.user, input);
      io.to(roomChannel(room.id)).emit("room:updated", room);
      return room;
    },
    { activity: true },
  ),

  "room:delete": on(
    async ({ io, socket, deps }, { roomId }) => {
      const me = socket.data.user;
      const { room } = await deps.rooms.remove(me, roomId);
      const channel = roomChannel(room.id);
      io.to(channel).emit("room:deleted", { roomId, name: room.name, message: `#${room.name} was deleted by ${me.displayName}.` });
      leaveEverywhere(io, channel, channel);
      return null;
    },
    { activity: true },
  ),

  "room:kick": on(
    async ({ io, socket, deps }, { roomId, username }) => {
      const me = socket.data.user;
      const { room, target, memberCount } = await deps.memberships.kick(me, roomId, username);
      const channel = roomChannel(room.id);
      leaveEverywhere(io, userChannel(target.id), channel);
      io.to(userChannel(target.id)).emit("room:kicked", { roomId, name: room.name, message: `You were removed from #${room.name} by ${me.displayName}.` });
      io.to(channel).emit("room:member-left", { roomId, user: target, memberCount });
      return null;
    },
    { activity: true },
  ),

  "room:list": on(async ({ deps }, { query }) => ({ rooms: await deps.rooms.list(query) }), { activity: true }),

  "room:mine": on(async ({ socket, deps }) => ({ rooms: await deps.memberships.mine(socket.data.user.id) })),

  "room:members": on(async ({ socket, deps }, { roomId }) => {
    if (!(await deps.memberships.isMember(roomId, socket.data.user.id))) {
      throw new AppError("FORBIDDEN", "Join the room to see who is in it.");
    }
    return { members: await deps.memberships.members(roomId, new Set(await deps.presence.onlineIds())) };
  }),

  "room:read": on(async ({ socket, deps }, { roomId, lastId }) => {
    await deps.memberships.markRead(socket.data.user.id, roomId, lastId);
    return null;
  }),
} satisfies Partial<Routes>;
