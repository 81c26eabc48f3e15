import "server-only";
import type { EventContext, Routes } from "@/lib/server/realtime/router";
import { on } from "@/lib/server/realtime/router";
import type { RealtimeDeps } from "@/lib/server/realtime/types";
import type { RateLimiter } from "@/lib/server/services/rate-limit";
import { banSentence, timeoutSentence } from "@/lib/server/services/moderation/sanctions";
import { retryInSeconds } from "@/lib/server/services/rate-limit";
import type { SecretRoomState } from "@/lib/server/services/secret-rooms";
import { aliasKey, newSecretRoomId } from "@/lib/server/services/secret-rooms";
import { AppError, isAppError } from "@/lib/shared/errors";
import { secretChannel, secretMemberChannel } from "@/lib/shared/events";
import type { SecretMember } from "@/lib/shared/schemas/secret-rooms";

const GONE = "This secret room has ended (or never existed). Ask whoever invited you for a new link.";
const ROLE_NAMES = { user: "members", moderator: "moderators", admin: "admins" } as const;

/**
 * Store calls, with failures turned into a sentence. Only the failure's message is
 * logged: a Redis error object carries the command's arguments, and those hold aliases.
 */
async function stored<T>(deps: RealtimeDeps, job: (store: RealtimeDeps["secretRooms"]) => Promise<T>): Promise<T> {
  try {
    return await job(deps.secretRooms);
  } catch (error) {
    if (isAppError(error)) throw error;
    deps.logger.error("secret room store failed", error instanceof Error ? error.message : "unknown error");
    throw new AppError("UNAVAILABLE", "Secret rooms can't be reached right now — try again in a moment.");
  }
}

function settingsOf(deps: RealtimeDeps) {
  const settings = deps.moderation.settings.get().secretRooms;
  if (!settings.enabled) throw new AppError("FORBIDDEN", "Secret rooms are turned off on this server.");
  return settings;
}

async function within(limiter: RateLimiter, key: string, sentence: string): Promise<void> {
  const result = await limiter.limit(key);
  if (result.success) return;
  const wait = retryInSeconds(result);
  throw new AppError("RATE_LIMITED", `${sentence} — try again in ${wait} s.`, { retryAfter: String(wait) });
}

const membersOf = (room: SecretRoomState): SecretMember[] =>
  room.members.map((m) => ({ alias: m.alias, creator: m.userId === room.creatorId })).sort((a, b) => a.alias.localeCompare(b.alias));

/** The room and the asking person's place in it; only sockets that joined may act in it. */
async function memberOf({ socket, deps }: EventContext, roomId: string) {
  if (!socket.rooms.has(secretChannel(roomId))) throw new AppError("FORBIDDEN", "Join this secret room first: open its link.");
  settingsOf(deps);
  const room = await stored(deps, (store) => store.get(roomId));
  if (!room) throw new AppError("NOT_FOUND", GONE);
  const me = room.members.find((m) => m.userId === socket.data.user.id);
  if (!me) throw new AppError("FORBIDDEN", "You are no longer in this secret room: open its link to join again.");
  return { room, me };
}

function find(room: SecretRoomState, alias: string) {
  const member = room.members.find((m) => aliasKey(m.alias) === aliasKey(alias));
  if (!member) throw new AppError("NOT_FOUND", "No one in this room goes by that alias. Type /who to see who is here.");
  return member;
}

function onlyCreator(room: SecretRoomState, userId: string, what: string): void {
  if (room.creatorId !== userId) throw new AppError("FORBIDDEN", `Only the room's creator can ${what}.`);
}

/** Bans and timeouts as in rooms, each person's message limit (the same as in rooms), then the room's own. */
async function relayAllowed({ socket, deps }: EventContext, roomId: string): Promise<void> {
  const standing = await deps.moderation.sanctions.standing(socket.data.user.id);
  if (standing.ban) throw new AppError("FORBIDDEN", banSentence(standing.ban));
  if (standing.timeout) throw new AppError("FORBIDDEN", timeoutSentence(standing.timeout));
  await within(deps.moderation.limiters.message, socket.data.user.id, "You are sending messages too fast");
  await within(deps.moderation.limiters.secretRoomRelay, roomId, "This secret room is busy");
}

/** Takes every socket of one member out of the room's channels, on whichever node. */
function removeSockets({ io }: EventContext, roomId: string, userId: string): void {
  io.in(secretMemberChannel(roomId, userId)).socketsLeave([secretChannel(roomId), secretMemberChannel(roomId, userId)]);
}

export const secretRoomRoutes = {
  "secret:create": on(
    async ({ socket, deps }) => {
      const settings = settingsOf(deps);
      const { user } = socket.data;
      if (!settings.creatorRoles.includes(user.role)) {
        const who = settings.creatorRoles.map((role) => ROLE_NAMES[role]).join(" and ");
        throw new AppError("FORBIDDEN", `On this server only ${who} can create secret rooms; you can still join one by its link.`);
      }
      await within(deps.moderation.limiters.secretRoomCreate, user.id, "You are creating secret rooms too fast");
      const roomId = newSecretRoomId();
      await stored(deps, (store) => store.create(roomId, user.id));
      return { roomId };
    },
    { activity: true },
  ),

  "secret:join": on(
    async (ctx, { roomId, alias }) => {
      const { socket, deps } = ctx;
      const settings = settingsOf(deps);
      const userId = socket.data.user.id;
      const outcome = await stored(deps, (store) => store.join(roomId, { userId, alias, connectionId: socket.id }, settings.memberLimit));
      if (outcome.kind === "gone") throw new AppError("NOT_FOUND", GONE);
      if (outcome.kind === "barred") throw new AppError("FORBIDDEN", "The room's creator removed you from this secret room.");
      if (outcome.kind === "full") throw new AppError("FORBIDDEN", `This secret room is full (${settings.memberLimit} people).`);
      if (outcome.kind === "alias-taken")
        throw new AppError("CONFLICT", "Someone in this room already goes by that alias: choose another.", { alias: "Choose another alias" });
      await socket.join([secretChannel(roomId), secretMemberChannel(roomId, userId)]);
      // Closed while joining: its "disconnecting" found no channel to leave, so leave here.
      if (socket.disconnected) {
        await stored(deps, (store) => store.dropConnection(roomId, userId, socket.id));
        throw new AppError("UNAVAILABLE", "The connection closed while joining: open the link again.");
      }
      if (outcome.kind === "joined") socket.to(secretChannel(roomId)).emit("secret:joined", { roomId, alias: outcome.alias });
      const room = await stored(deps, (store) => store.get(roomId));
      if (!room) throw new AppError("NOT_FOUND", GONE);
      return { roomId, alias: outcome.alias, creator: room.creatorId === userId, members: membersOf(room), memberLimit: settings.memberLimit };
    },
    { activity: true },
  ),

  "secret:send": on(
    async (ctx, { roomId, envelope }) => {
      const { me } = await memberOf(ctx, roomId);
      await relayAllowed(ctx, roomId);
      // Every socket of the room but this one: the sender shows what it typed.
      ctx.socket.to(secretChannel(roomId)).emit("secret:message", { roomId, from: me.alias, envelope, at: new Date().toISOString() });
      return null;
    },
    { activity: true },
  ),

  "secret:whisper": on(
    async (ctx, { roomId, to, envelope }) => {
      const { room, me } = await memberOf(ctx, roomId);
      const target = find(room, to);
      if (target.userId === me.userId) throw new AppError("VALIDATION", "That's you: whisper to someone else.");
      await relayAllowed(ctx, roomId);
      // `to` as the sender wrote it: the ciphertext is bound to it.
      ctx.io.to(secretMemberChannel(roomId, target.userId)).emit("secret:whisper", { roomId, from: me.alias, to, envelope, at: new Date().toISOString() });
      return null;
    },
    { activity: true },
  ),

  "secret:who": on(async (ctx, { roomId }) => ({ members: membersOf((await memberOf(ctx, roomId)).room) }), { activity: true }),

  "secret:leave": on(
    async (ctx, { roomId }) => {
      const { socket, deps, io } = ctx;
      const userId = socket.data.user.id;
      const outcome = await stored(deps, (store) => store.leave(roomId, userId));
      removeSockets(ctx, roomId, userId);
      if (outcome.left && !outcome.ended) io.to(secretChannel(roomId)).emit("secret:left", { roomId, alias: outcome.left, reason: "left" });
      return null;
    },
    { activity: true },
  ),

  "secret:kick": on(
    async (ctx, { roomId, alias }) => {
      const { room, me } = await memberOf(ctx, roomId);
      onlyCreator(room, me.userId, "kick members");
      const target = find(room, alias);
      if (target.userId === me.userId) throw new AppError("VALIDATION", "You can't kick yourself: type /exit to leave, or /stop to end the room.");
      ctx.io.to(secretMemberChannel(roomId, target.userId)).emit("secret:kicked", { roomId, message: "The room's creator removed you from this secret room." });
      removeSockets(ctx, roomId, target.userId);
      const outcome = await stored(ctx.deps, (store) => store.leave(roomId, target.userId, { kicked: true }));
      if (outcome.left) ctx.io.to(secretChannel(roomId)).emit("secret:left", { roomId, alias: outcome.left, reason: "kicked" });
      return null;
    },
    { activity: true },
  ),

  "secret:stop": on(
    async (ctx, { roomId }) => {
      const { room, me } = await memberOf(ctx, roomId);
      onlyCreator(room, me.userId, "stop this room");
      const ended = (await stored(ctx.deps, (store) => store.end(roomId))) ?? room;
      const channel = secretChannel(roomId);
      ctx.io.to(channel).emit("secret:ended", { roomId, message: "The room's creator stopped this secret room. Its messages are gone." });
      ctx.io.in(channel).socketsLeave([channel, ...ended.members.map((m) => secretMemberChannel(roomId, m.userId))]);
      return null;
    },
    { activity: true },
  ),
} satisfies Partial<Routes>;
