import "server-only";
import type { ClusterBus } from "@/lib/server/cluster/bus";
import type { RealtimeHooks } from "@/lib/server/context";
import type { Routes } from "@/lib/server/realtime/router";
import { on } from "@/lib/server/realtime/router";
import { roomChannel, sessionChannel } from "@/lib/shared/events";
import type { ParleyServer, RealtimeDeps } from "@/lib/server/realtime/types";

export function idleMessage(timeoutMs: number): string {
  const minutes = timeoutMs / 60_000;
  const [count, unit] = minutes >= 1 ? [Math.round(minutes), "minute"] : [Math.max(1, Math.round(timeoutMs / 1000)), "second"];
  const amount = `${count} ${unit}${count === 1 ? "" : "s"}`;
  return `You were logged out after ${amount} of inactivity`;
}

export function createRealtimeHooks(io: ParleyServer, bus: ClusterBus): RealtimeHooks {
  return {
    endSession(sessionId, reason, message) {
      bus.publish({ kind: "session-ended", sessionId });
      io.to(sessionChannel(sessionId)).emit("session:ended", { reason, message });
      // Let the notice go out before the sockets close.
      setTimeout(() => io.in(sessionChannel(sessionId)).disconnectSockets(true), 100);
    },
    roomUpdated(room) {
      io.to(roomChannel(room.id)).emit("room:updated", room);
    },
    profileChanged(profile) {
      // New messages carry the new name; everyone updates what is already on screen.
      bus.publish({ kind: "user", userId: profile.id, displayName: profile.displayName, avatarUrl: profile.avatarUrl });
      io.emit("user:updated", profile);
    },
  };
}

export const sessionRoutes = {
  /** The client's "the person is here" signal (keys, clicks, scrolling), at most once a minute. */
  "session:activity": on(() => null, { activity: true }),
} satisfies Partial<Routes>;

/**
 * Ends sessions that saw no user action for the idle timeout. It checks this node's
 * sockets; every node runs its own sweeper over its own sockets, and asks the database
 * before ending one (activity on another node is written through there).
 */
export function startIdleSweeper(io: ParleyServer, deps: RealtimeDeps, hooks: RealtimeHooks): () => void {
  const period = Math.min(30_000, Math.max(500, deps.sessions.idleTimeoutMs / 6));
  const timer = setInterval(() => {
    const sessionIds = new Set<string>();
    for (const socket of io.of("/").sockets.values()) sessionIds.add(socket.data.sessionId);
    for (const sessionId of sessionIds) {
      if (!deps.sessions.isIdle(sessionId)) continue;
      deps.sessions
        .confirmIdle(sessionId)
        .then(async (idle) => {
          // Ended by another node's sweep meanwhile: that node told every tab, on every node.
          if (!idle || !(await deps.sessions.end(sessionId, "idle"))) return;
          hooks.endSession(sessionId, "idle", idleMessage(deps.sessions.idleTimeoutMs));
        })
        .catch((error) => deps.logger.error("idle logout failed", error));
    }
  }, period);
  timer.unref();
  return () => clearInterval(timer);
}
