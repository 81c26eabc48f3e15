import "server-only";
import { AppError } from "@/lib/shared/errors";
import { joinEverywhere } from "@/lib/server/realtime/cluster";
import { roomChannel, userChannel } from "@/lib/shared/events";
import type { Routes } from "@/lib/server/realtime/router";
import { on } from "@/lib/server/realtime/router";
import { retryInSeconds } from "@/lib/server/services/rate-limit";

/** Direct messages, blocking and looking people up. */
export const socialRoutes = {
  "dm:open": on(
    async ({ io, socket, deps }, { usernames }) => {
      const me = socket.data.user;
      const limited = await deps.moderation.limiters.dmOpen.limit(me.id);
      if (!limited.success) throw new AppError("RATE_LIMITED", `You have started many conversations recently — try again in ${retryInSeconds(limited)} s.`);
      const { room, created, others } = await deps.dms.open(me, usernames);
      const channel = roomChannel(room.id);
      joinEverywhere(io, [me.id, ...others].map(userChannel), channel);
      if (created) io.to(others.map(userChannel)).emit("room:added", { ...room, unread: 0, lastReadId: 0 });
      return room;
    },
    { activity: true },
  ),

  "block:add": on(async ({ socket, deps }, { usernames }) => ({ blocked: await deps.blocks.block(socket.data.user.id, usernames) }), { activity: true }),
  "block:remove": on(async ({ socket, deps }, { usernames }) => deps.blocks.unblock(socket.data.user.id, usernames), { activity: true }),
  "block:list": on(async ({ socket, deps }) => ({ users: await deps.blocks.list(socket.data.user.id) })),

  "user:check": on(
    async ({ deps }, { username }) => {
      const online = new Set(await deps.presence.onlineIds());
      return deps.users.publicProfile(username, (id) => online.has(id));
    },
    { activity: true },
  ),

  "users:last": on(async ({ deps }, { minutes }) => ({ users: await deps.users.seenSince(minutes, await deps.presence.onlineIds()) }), { activity: true }),

  "users:active": on(async ({ deps }, { minutes }) => ({ users: await deps.users.findPublicByIds(await deps.sessions.activeSince(minutes)) }), {
    activity: true,
  }),
} satisfies Partial<Routes>;
