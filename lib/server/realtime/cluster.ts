import "server-only";
import { createAdapter } from "@socket.io/redis-streams-adapter";
import type Redis from "ioredis";
import type { ClusterBus } from "@/lib/server/cluster/bus";
import type { Logger } from "@/lib/server/logger";
import type { ParleyServer, ParleySocket } from "@/lib/server/realtime/types";
import type { ClusterPresence } from "@/lib/server/services/presence.redis";
import { HEARTBEAT_MS, NODE_TTL_MS } from "@/lib/server/services/presence.redis";
import type { PresenceStore } from "@/lib/server/services/presence";
import type { PublicUser } from "@/lib/shared/types";

const isClusterPresence = (store: PresenceStore): store is ClusterPresence => "heartbeat" in store;

/**
 * Socket.IO across nodes: every broadcast, room join/leave and disconnect through
 * `io.to(...)`/`io.in(...)` reaches the sockets of every node. The Redis Streams adapter
 * (not pub/sub) because a packet published while Redis is briefly away is read from the
 * stream when it is back instead of being dropped. The database catch-up on reconnect
 * (`afterId` per room) stays the guarantee: the adapter is only the fast path.
 */
export function attachRedisAdapter(io: ParleyServer, redis: Redis, prefix: string): void {
  io.adapter(
    createAdapter(redis, {
      streamName: `${prefix}:sio`,
      channelPrefix: `${prefix}:sio`,
      sessionKeyPrefix: `${prefix}:sio:session:`,
      // Parley's packets are JSON: skip the per-packet search for binary attachments.
      onlyPlaintext: true,
      // A dead node is dropped from `fetchSockets`/`serverSideEmit` answers after this.
      heartbeatInterval: HEARTBEAT_MS,
      heartbeatTimeout: NODE_TTL_MS,
    }),
  );
}

/**
 * Subscribes every socket in `of` (user or session channels), on every node, to `room`.
 * With an adapter the cluster-wide call applies on this node only after its publish to
 * Redis: this node's sockets are joined at once too, so the ack that follows finds them in.
 */
export function joinEverywhere(io: ParleyServer, of: string | string[], room: string): void {
  io.local.in(of).socketsJoin(room);
  io.in(of).socketsJoin(room);
}

/** The same for leaving: this node's sockets stop receiving the room before the ack. */
export function leaveEverywhere(io: ParleyServer, of: string | string[], room: string): void {
  io.local.in(of).socketsLeave(room);
  io.in(of).socketsLeave(room);
}

const publicOf = (socket: ParleySocket): PublicUser => {
  const { id, username, displayName } = socket.data.user;
  return { id, username, displayName };
};

/**
 * Node-wide duties of a cluster member: the user each local socket carries follows
 * changes made on any node (role, name, avatar), and presence stays right when a node
 * dies (swept by the others) or this node loses Redis for a while (resynced when back).
 */
export function startClusterDuties(
  io: ParleyServer,
  deps: { bus: ClusterBus; presence: PresenceStore; logger: Logger; touchLastSeen: (userId: string) => Promise<void> },
): () => void {
  const { bus, presence, logger } = deps;
  const announceOffline = (users: PublicUser[]) => {
    if (users.length === 0) return;
    void presence.count().then((count) => {
      for (const user of users) io.emit("presence:offline", { user, count });
    });
    for (const user of users) void deps.touchLastSeen(user.id).catch(() => undefined);
  };
  const resync = async (store: ClusterPresence) => {
    const connections = [...io.of("/").sockets.values()].map((socket) => ({ user: publicOf(socket), connectionId: socket.id }));
    const { online, offline } = await store.resync(connections);
    const count = await presence.count();
    for (const user of online) io.emit("presence:online", { user, count });
    announceOffline(offline);
  };

  const unsubscribe = bus.subscribe((event) => {
    if (event.kind === "user") {
      for (const socket of io.of("/").sockets.values()) {
        if (socket.data.user.id !== event.userId) continue;
        const { role, displayName, avatarUrl } = event;
        socket.data.user = {
          ...socket.data.user,
          ...(role ? { role } : {}),
          ...(displayName ? { displayName } : {}),
          ...(avatarUrl !== undefined ? { avatarUrl } : {}),
        };
      }
    } else if (event.kind === "all" && isClusterPresence(presence)) {
      resync(presence).catch((error: unknown) => logger.warn("presence resync failed", error instanceof Error ? error.message : error));
    }
  });

  // Only this node's sockets: the others have their own link to Redis (or none either).
  const unlink = bus.onLink((up) => {
    if (up) io.local.emit("cluster:resync");
    else io.local.emit("cluster:degraded");
  });

  let timer: NodeJS.Timeout | null = null;
  if (isClusterPresence(presence)) {
    let failing = false;
    timer = setInterval(() => {
      presence
        .heartbeat()
        .then((gone) => {
          failing = false;
          announceOffline(gone);
        })
        .catch((error: unknown) => {
          if (!failing) logger.warn("presence heartbeat failed (Redis unavailable?)", error instanceof Error ? error.message : error);
          failing = true;
        });
    }, HEARTBEAT_MS);
    timer.unref();
  }
  return () => {
    unsubscribe();
    unlink();
    if (timer) clearInterval(timer);
  };
}
