import "server-only";
import type { ParleyServer, ParleySocket, RealtimeDeps } from "@/lib/server/realtime/types";
import { SECRET_HEARTBEAT_MS } from "@/lib/server/services/secret-rooms.redis";
import { secretChannel } from "@/lib/shared/events";
import { SECRET_ROOM_ID_CHARS } from "@/lib/shared/schemas/secret-rooms";

const PREFIX = "secret:";

/** The room of a `secret:<id>` channel (not a member's `secret:<id>:<user>` channel). */
function roomOf(channel: string): string | undefined {
  if (!channel.startsWith(PREFIX) || channel.length !== PREFIX.length + SECRET_ROOM_ID_CHARS) return undefined;
  return channel.slice(PREFIX.length);
}

/**
 * A closing socket leaves its secret rooms (the person leaves with their last socket
 * there, and the room ends with its last person). With Redis, this node also refreshes
 * its own sockets' memberships, so a node that dies takes its members with it.
 */
export function createSecretRoomLifecycle(io: ParleyServer, deps: RealtimeDeps) {
  const fail = (error: unknown) => deps.logger.error("secret room update failed", error instanceof Error ? error.message : "unknown error");

  function disconnecting(this: ParleySocket): void {
    const userId = this.data.user.id;
    for (const channel of this.rooms) {
      const roomId = roomOf(channel);
      if (!roomId) continue;
      deps.secretRooms
        .dropConnection(roomId, userId, this.id)
        .then(({ left, ended }) => {
          if (left && !ended) io.to(secretChannel(roomId)).emit("secret:left", { roomId, alias: left, reason: "disconnected" });
        })
        .catch(fail);
    }
  }

  function heartbeat(): void {
    const namespace = io.of("/");
    for (const [channel, socketIds] of namespace.adapter.rooms) {
      const roomId = roomOf(channel);
      if (!roomId) continue;
      const connections = [...socketIds].flatMap((connectionId) => {
        const socket = namespace.sockets.get(connectionId);
        return socket ? [{ userId: socket.data.user.id, connectionId }] : [];
      });
      deps.secretRooms.heartbeat(roomId, connections).catch(fail);
    }
  }

  const timer = deps.redis ? setInterval(heartbeat, SECRET_HEARTBEAT_MS) : undefined;
  timer?.unref();
  return {
    disconnecting,
    heartbeat,
    stop(): void {
      if (timer) clearInterval(timer);
    },
  };
}
