import { z } from "zod";
import { AppError } from "@/lib/errors";
import { handle } from "@/lib/realtime/handle";
import { retryInSeconds } from "@/lib/services/rate-limit";
import { roomChannel, userChannel } from "@/lib/realtime/events";
import type { ParleyServer, ParleySocket, RealtimeDeps } from "@/lib/realtime/types";
import { blockSchema, checkUserSchema, openDmSchema, recentUsersSchema } from "@/lib/schemas/social";

/** Direct messages, blocking and looking people up. */
export function registerSocialHandlers(io: ParleyServer, socket: ParleySocket, deps: RealtimeDeps) {
  const on = <S extends z.ZodType, T>(event: Parameters<ParleySocket["on"]>[0], schema: S, run: (input: z.infer<S>) => Promise<T>) =>
    socket.on(event, handle(socket, event, schema, deps.logger, run) as never);
  const me = socket.data.user;

  on("dm:open", openDmSchema, async ({ usernames }) => {
    const limited = await deps.moderation.limiters.dmOpen.limit(me.id);
    if (!limited.success) throw new AppError("RATE_LIMITED", `You have started many conversations recently — try again in ${retryInSeconds(limited)} s.`);
    const { room, created, others } = await deps.dms.open(me, usernames);
    const channel = roomChannel(room.id);
    io.in([me.id, ...others].map(userChannel)).socketsJoin(channel);
    if (created) io.to(others.map(userChannel)).emit("room:added", { ...room, unread: 0, lastReadId: 0 });
    return room;
  });

  on("block:add", blockSchema, async ({ usernames }) => ({ blocked: await deps.blocks.block(me.id, usernames) }));
  on("block:remove", blockSchema, async ({ usernames }) => ({ unblocked: await deps.blocks.unblock(me.id, usernames) }));
  on("block:list", z.unknown(), async () => ({ users: await deps.blocks.list(me.id) }));

  on("user:check", checkUserSchema, async ({ username }) => {
    const online = new Set(await deps.presence.onlineIds());
    return deps.users.publicProfile(username, (id) => online.has(id));
  });

  on("users:last", recentUsersSchema, async ({ minutes }) => ({ users: await deps.users.seenSince(minutes, await deps.presence.onlineIds()) }));

  on("users:active", recentUsersSchema, async ({ minutes }) => ({ users: await deps.users.findPublicByIds(await deps.sessions.activeSince(minutes)) }));
}
