import "server-only";
import { AppError } from "@/lib/shared/errors";
import type { Routes } from "@/lib/server/realtime/router";
import { on } from "@/lib/server/realtime/router";
import { userChannel } from "@/lib/shared/events";
import { broadcast } from "@/lib/server/realtime/handlers/messages";
import type { ParleyServer, RealtimeDeps } from "@/lib/server/realtime/types";
import type { ModerationEffects } from "@/lib/server/services/moderation/actions";
import { retryInSeconds } from "@/lib/server/services/rate-limit";

/** How moderation reaches people: through Socket.IO rooms, so it works across nodes. */
export function createModerationEffects(io: ParleyServer, deps: RealtimeDeps): ModerationEffects {
  return {
    notify(userId, notice) {
      io.to(userChannel(userId)).emit("moderation:notice", notice);
    },
    async endUserSessions(userId, reason, message, detail) {
      await deps.db.userSession.updateMany({ where: { userId, endedAt: null }, data: { endedAt: new Date(), endReason: reason } });
      io.to(userChannel(userId)).emit("session:ended", { reason, message, ...detail });
      // Give the notice a moment to leave before the sockets close.
      setTimeout(() => io.in(userChannel(userId)).disconnectSockets(true), 150);
    },
    async messageRemoved(messageId) {
      // As every reader sees it now ("message removed by a moderator"): a whisper to its two people only.
      const message = await deps.messages.read(messageId);
      if (message) await broadcast(io, message, deps.redis?.status === "ready", "message:updated");
    },
    roleChanged(userId, role) {
      // Every node's sockets of that person carry the new role from their next event on.
      deps.bus.publish({ kind: "user", userId, role });
      io.to(userChannel(userId)).emit("moderation:notice", { kind: "role", role, message: `Your role is now ${role}.` });
    },
  };
}

/** In-chat moderation and reporting; the console uses the same services over HTTP. */
export const moderationRoutes = {
  "message:report": on(
    async ({ socket, deps }, input) => {
      const limited = await deps.moderation.limiters.report.limit(socket.data.user.id);
      if (!limited.success) throw new AppError("RATE_LIMITED", `You have sent many reports — try again in ${retryInSeconds(limited)} s.`);
      await deps.moderation.reports.create(socket.data.user.id, input);
      return null;
    },
    { activity: true },
  ),
  "moderation:delete-message": on(
    async ({ socket, deps }, input) => {
      await deps.moderation.actions.deleteMessage(socket.data.user, input);
      return null;
    },
    { activity: true },
  ),
  "moderation:timeout": on(
    async ({ socket, deps }, input) => {
      await deps.moderation.actions.timeout(socket.data.user, input);
      return null;
    },
    { activity: true },
  ),
  "moderation:ban": on(
    async ({ socket, deps }, input) => {
      await deps.moderation.actions.ban(socket.data.user, input);
      return null;
    },
    { activity: true },
  ),
  "moderation:kick": on(
    async ({ socket, deps }, input) => {
      await deps.moderation.actions.kick(socket.data.user, input);
      return null;
    },
    { activity: true },
  ),
} satisfies Partial<Routes>;
