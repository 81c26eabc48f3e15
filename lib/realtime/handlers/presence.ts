import { z } from "zod";
import { on } from "@/lib/realtime/router";
import type { ParleyServer, ParleySocket, RealtimeDeps } from "@/lib/realtime/types";

export const presenceRoutes = {
  "presence:list": on(z.unknown(), async ({ deps }) => ({ users: await deps.presence.list() })),
};

const publicOf = (socket: ParleySocket) => {
  const { id, username, displayName } = socket.data.user;
  return { id, username, displayName };
};

/**
 * Online/offline is announced once per user (first tab in, last tab out) as a
 * delta; the full list is only sent when a client asks for it. One pair of
 * listeners per server: sockets share them (`this` is the socket).
 */
export function createPresenceLifecycle(io: ParleyServer, deps: RealtimeDeps) {
  return {
    async connected(socket: ParleySocket): Promise<void> {
      const user = publicOf(socket);
      if (await deps.presence.connect(user, socket.id)) {
        io.emit("presence:online", { user, count: await deps.presence.count() });
      }
    },
    disconnected(this: ParleySocket): void {
      const user = publicOf(this);
      void (async () => {
        if (await deps.presence.disconnect(user.id, this.id)) {
          io.emit("presence:offline", { user, count: await deps.presence.count() });
          await deps.users.touchLastSeen(user.id);
        }
      })().catch((error: unknown) => deps.logger.error("presence disconnect failed", error));
    },
  };
}
