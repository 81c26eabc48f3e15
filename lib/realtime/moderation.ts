import { z } from "zod";
import { AppError } from "@/lib/errors";
import { handle } from "@/lib/realtime/handle";
import { roomChannel, userChannel } from "@/lib/realtime/events";
import type { ParleyServer, ParleySocket, RealtimeDeps } from "@/lib/realtime/types";
import { banSchema, deleteMessageSchema, reportSchema, targetUserSchema, timeoutSchema } from "@/lib/schemas/moderation";
import type { ModerationEffects } from "@/lib/services/moderation/actions";
import { retryInSeconds } from "@/lib/services/rate-limit";

/** How moderation reaches people: through Socket.IO rooms, so it works across nodes. */
export function createModerationEffects(io: ParleyServer, deps: RealtimeDeps): ModerationEffects {
  return {
    notify(userId, notice) {
      io.to(userChannel(userId)).emit("moderation:notice", notice);
    },
    async endUserSessions(userId, reason, message) {
      await deps.db.userSession.updateMany({ where: { userId, endedAt: null }, data: { endedAt: new Date(), endReason: reason } });
      io.to(userChannel(userId)).emit("session:ended", { reason, message });
      // Give the notice a moment to leave before the sockets close.
      setTimeout(() => io.in(userChannel(userId)).disconnectSockets(true), 150);
    },
    messageRemoved(message) {
      const event = { roomId: message.roomId, messageId: message.id };
      if (message.recipientId) io.to([userChannel(message.authorId), userChannel(message.recipientId)]).emit("message:removed", event);
      else io.to(roomChannel(message.roomId)).emit("message:removed", event);
    },
    roleChanged(userId, role) {
      for (const socket of io.of("/").sockets.values()) if (socket.data.user.id === userId) socket.data.user = { ...socket.data.user, role };
      io.to(userChannel(userId)).emit("moderation:notice", { kind: "role", message: `Your role is now ${role}.` });
    },
  };
}

/** In-chat moderation and reporting; the console uses the same services over HTTP. */
export function registerModerationHandlers(_io: ParleyServer, socket: ParleySocket, deps: RealtimeDeps) {
  const on = <S extends z.ZodType, T>(event: Parameters<ParleySocket["on"]>[0], schema: S, run: (input: z.infer<S>) => Promise<T>) =>
    socket.on(event, handle(socket, event, schema, deps.logger, run) as never);
  const { actions, reports, limiters } = deps.moderation;
  const me = () => socket.data.user;

  on("message:report", reportSchema, async (input) => {
    const limited = await limiters.report.limit(me().id);
    if (!limited.success) throw new AppError("RATE_LIMITED", `You have sent many reports — try again in ${retryInSeconds(limited)} s.`);
    await reports.create(me().id, input);
    return null;
  });
  on("moderation:delete-message", deleteMessageSchema, async (input) => (await actions.deleteMessage(me(), input), null));
  on("moderation:timeout", timeoutSchema, async (input) => (await actions.timeout(me(), input), null));
  on("moderation:ban", banSchema, async (input) => (await actions.ban(me(), input), null));
  on("moderation:kick", targetUserSchema, async (input) => (await actions.kick(me(), input), null));
}

export const MODERATION_EVENTS = ["message:report", "moderation:delete-message", "moderation:timeout", "moderation:ban", "moderation:kick"];
