import "server-only";
import type { Routes } from "@/lib/server/realtime/router";
import { on } from "@/lib/server/realtime/router";
import type { ParleyServer, ParleySocket, RealtimeDeps } from "@/lib/server/realtime/types";

export const presenceRoutes = {
  "presence:list": on(async ({ deps }) => ({ users: await deps.presence.list() })),
} satisfies Partial<Routes>;

const publicOf = (socket: ParleySocket) => {
  const { id, username, displayName } = socket.data.user;
  return { id, username, displayName };
};

/** Socket.IO's reason when this server (or another node, through the adapter) closed the socket: logout, kick, ban, idle. */
const SERVER_CLOSED = "server namespace disconnect";

interface Lingering {
  sessionId: string;
  timer: NodeJS.Timeout;
  release: () => void;
}

/**
 * Online/offline is announced once per user (first tab in, last tab out) as a
 * delta; the full list is only sent when a client asks for it. One pair of
 * listeners per server: sockets share them (`this` is the socket).
 *
 * A socket that closes by itself (the person opened Profile or the console, reloaded,
 * lost the network for a moment) stays counted in the presence store for `presenceGraceMs`:
 * a new socket of theirs within that time, on this node or any other, finds them still
 * online and nothing is announced either way. Only the release of this node's own
 * lingering connections is kept here; who is online stays in the shared store. A session
 * the server ended (logout, kick, ban, idle) is released at once, on whichever node it lingers.
 */
export function createPresenceLifecycle(io: ParleyServer, deps: RealtimeDeps) {
  const lingering = new Map<string, Lingering>();

  const release = (socket: ParleySocket, userId: string) => {
    const user = publicOf(socket);
    return async () => {
      if (await deps.presence.disconnect(userId, socket.id)) {
        io.emit("presence:offline", { user, count: await deps.presence.count() });
        await deps.users.touchLastSeen(userId);
      }
    };
  };
  const run = (job: () => Promise<void>) => void job().catch((error: unknown) => deps.logger.error("presence disconnect failed", error));
  const releaseNow = (connectionId: string) => {
    const entry = lingering.get(connectionId);
    if (!entry) return;
    clearTimeout(entry.timer);
    lingering.delete(connectionId);
    entry.release();
  };

  const unsubscribe = deps.bus.subscribe((event) => {
    if (event.kind !== "session-ended") return;
    for (const [connectionId, entry] of lingering) if (entry.sessionId === event.sessionId) releaseNow(connectionId);
  });

  return {
    async connected(socket: ParleySocket): Promise<void> {
      const user = publicOf(socket);
      if (await deps.presence.connect(user, socket.id)) {
        io.emit("presence:online", { user, count: await deps.presence.count() });
      }
    },
    disconnected(this: ParleySocket, reason: string): void {
      const job = release(this, this.data.user.id);
      const grace = deps.presenceGraceMs ?? 0;
      if (grace <= 0 || reason === SERVER_CLOSED) {
        run(job);
        return;
      }
      const connectionId = this.id;
      const timer = setTimeout(() => releaseNow(connectionId), grace);
      timer.unref();
      lingering.set(connectionId, { sessionId: this.data.sessionId, timer, release: () => run(job) });
    },
    /** The server is closing: forget the timers (with Redis, the other nodes sweep this node's connections). */
    stop(): void {
      unsubscribe();
      for (const entry of lingering.values()) clearTimeout(entry.timer);
      lingering.clear();
    },
  };
}
