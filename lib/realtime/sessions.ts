import { z } from "zod";
import type { RealtimeHooks } from "@/lib/context";
import { handle } from "@/lib/realtime/handle";
import { roomChannel, sessionChannel } from "@/lib/realtime/events";
import type { ParleyServer, ParleySocket, RealtimeDeps } from "@/lib/realtime/types";

/** Events that are a person doing something; only these keep a session alive. */
export const ACTIVITY_EVENTS = new Set([
  "session:activity",
  "message:send",
  "message:history",
  "room:join",
  "room:leave",
  "room:create",
  "room:update",
  "room:delete",
  "room:kick",
  "room:list",
  "dm:open",
  "typing:start",
  "block:add",
  "block:remove",
  "user:check",
  "users:last",
  "users:active",
]);

export function idleMessage(timeoutMs: number): string {
  const minutes = timeoutMs / 60_000;
  const [count, unit] = minutes >= 1 ? [Math.round(minutes), "minute"] : [Math.max(1, Math.round(timeoutMs / 1000)), "second"];
  const amount = `${count} ${unit}${count === 1 ? "" : "s"}`;
  return `You were logged out after ${amount} of inactivity`;
}

export function createRealtimeHooks(io: ParleyServer): RealtimeHooks {
  return {
    endSession(sessionId, reason, message) {
      io.to(sessionChannel(sessionId)).emit("session:ended", { reason, message });
      // Let the notice go out before the sockets close.
      setTimeout(() => io.in(sessionChannel(sessionId)).disconnectSockets(true), 100);
    },
    roomUpdated(room) {
      io.to(roomChannel(room.id)).emit("room:updated", room);
    },
    profileChanged(profile) {
      // New messages carry the new name; everyone updates what is already on screen.
      for (const socket of io.of("/").sockets.values()) {
        if (socket.data.user.id === profile.id) socket.data.user = { ...socket.data.user, displayName: profile.displayName, avatarUrl: profile.avatarUrl };
      }
      io.emit("user:updated", profile);
    },
  };
}

export function registerSessionHandlers(_io: ParleyServer, socket: ParleySocket, deps: RealtimeDeps) {
  socket.use(([event, payload], next) => {
    // A catch-up join after a reconnect is the client's doing, not the person's.
    const automatic = event === "room:join" && typeof (payload as { afterId?: unknown } | null)?.afterId === "number";
    if (typeof event === "string" && ACTIVITY_EVENTS.has(event) && !automatic) deps.sessions.touch(socket.data.sessionId, socket.data.user.id);
    next();
  });
  socket.on("session:activity", handle(socket, "session:activity", z.unknown(), deps.logger, () => null));
}

/**
 * Ends sessions that saw no user action for the idle timeout. It checks this node's
 * sockets; every node runs its own sweeper over its own sockets.
 */
export function startIdleSweeper(io: ParleyServer, deps: RealtimeDeps, hooks: RealtimeHooks): () => void {
  const period = Math.min(30_000, Math.max(500, deps.sessions.idleTimeoutMs / 6));
  const timer = setInterval(() => {
    const sessionIds = new Set<string>();
    for (const socket of io.of("/").sockets.values()) sessionIds.add(socket.data.sessionId);
    for (const sessionId of sessionIds) {
      if (!deps.sessions.isIdle(sessionId)) continue;
      deps.sessions
        .end(sessionId, "idle")
        .then(() => hooks.endSession(sessionId, "idle", idleMessage(deps.sessions.idleTimeoutMs)))
        .catch((error) => deps.logger.error("idle logout failed", error));
    }
  }, period);
  timer.unref();
  return () => clearInterval(timer);
}
