import { z } from "zod";
import { handle } from "@/lib/realtime/handle";
import type { ParleyServer, ParleySocket, RealtimeDeps } from "@/lib/realtime/types";

const presenceListSchema = z.unknown();

/**
 * Online/offline is announced once per user (first tab in, last tab out) as a
 * delta; the full list is only sent when a client asks for it.
 */
export async function registerPresenceHandlers(io: ParleyServer, socket: ParleySocket, deps: RealtimeDeps) {
  const { id, username, displayName } = socket.data.user;
  const user = { id, username, displayName };

  socket.on(
    "presence:list",
    handle(socket, "presence:list", presenceListSchema, deps.logger, async () => ({ users: await deps.presence.list() })),
  );

  socket.on("disconnect", async () => {
    try {
      if (await deps.presence.disconnect(id, socket.id)) {
        io.emit("presence:offline", { user, count: await deps.presence.count() });
        await deps.users.touchLastSeen(id);
      }
    } catch (error) {
      deps.logger.error("presence disconnect failed", error);
    }
  });

  if (await deps.presence.connect(user, socket.id)) {
    io.emit("presence:online", { user, count: await deps.presence.count() });
  }
}
