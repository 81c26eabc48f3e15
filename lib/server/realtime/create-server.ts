import "server-only";
import type { Server as HttpServer, IncomingMessage } from "node:http";
import { Server } from "socket.io";
import { authenticateSocket } from "@/lib/server/realtime/authenticate";
import type { ConnectionCaps } from "@/lib/server/realtime/connection-caps";
import { createConnectionCaps, DEFAULT_CONNECTION_CAPS } from "@/lib/server/realtime/connection-caps";
import { createRedisConnectionCaps } from "@/lib/server/realtime/connection-caps.redis";
import { roomChannel, sessionChannel, userChannel } from "@/lib/shared/events";
import { createPresenceLifecycle } from "@/lib/server/realtime/handlers/presence";
import { createModerationEffects } from "@/lib/server/realtime/moderation";
import { refuseForeignOrigins } from "@/lib/server/realtime/origin-check";
import { startClusterDuties, attachRedisAdapter } from "@/lib/server/realtime/cluster";
import { createDispatcher } from "@/lib/server/realtime/router";
import { routes } from "@/lib/server/realtime/routes";
import { createRealtimeHooks, startIdleSweeper } from "@/lib/server/realtime/sessions";
import type { ParleyServer, RealtimeDeps } from "@/lib/server/realtime/types";
import { commonSecurityHeaders, TRANSPORT_POLICY } from "@/lib/server/security/headers";
import type { OriginPolicy } from "@/lib/server/security/origin";

export const SOCKET_PATH = "/socket.io";

export interface RealtimeOptions {
  /** Default: the request's own host (and the proxy's, with TRUST_PROXY). */
  origins?: OriginPolicy;
  caps?: ConnectionCaps;
}

/** Socket.IO mounted on Parley's http server at /socket.io. */
export function createRealtimeServer(httpServer: HttpServer, deps: RealtimeDeps, options: RealtimeOptions = {}): ParleyServer {
  const io: ParleyServer = new Server(httpServer, {
    path: SOCKET_PATH,
    // Next's dev server has its own websocket (HMR) on the same port.
    destroyUpgrade: false,
    perMessageDeflate: false,
    // A 2000-character message is at most 8 KB of UTF-8; leave room for framing.
    maxHttpBufferSize: 32 * 1024,
    serveClient: false,
  });

  // Engine.IO answers /socket.io/ before server.ts's request handler runs: same headers here.
  io.engine.on("headers", (headers: Record<string, string>, req: IncomingMessage) => {
    Object.assign(headers, commonSecurityHeaders(req, deps.trustProxy), { "Content-Security-Policy": TRANSPORT_POLICY });
  });
  if (deps.redis) attachRedisAdapter(io, deps.redis, deps.redisPrefix);
  const caps = deps.redis
    ? createRedisConnectionCaps(io, options.caps ?? DEFAULT_CONNECTION_CAPS, { redis: deps.redis, logger: deps.logger, prefix: deps.redisPrefix })
    : createConnectionCaps(io, options.caps ?? DEFAULT_CONNECTION_CAPS);
  io.use(refuseForeignOrigins(options.origins ?? { allowedOrigins: [], trustProxy: deps.trustProxy }));
  io.use(authenticateSocket(deps));
  io.use(caps.check);
  deps.realtime = createRealtimeHooks(io, deps.bus);
  deps.moderation.effects = createModerationEffects(io, deps);
  const stopSweeper = startIdleSweeper(io, deps, deps.realtime);
  const stopPurging = deps.attachments.startPurging();
  const stopDuties = startClusterDuties(io, { bus: deps.bus, presence: deps.presence, logger: deps.logger, touchLastSeen: deps.users.touchLastSeen });
  // Built once: every socket shares these listeners instead of owning ~30 closures.
  const dispatch = createDispatcher(io, deps, routes);
  const presence = createPresenceLifecycle(io, deps);
  httpServer.once("close", () => {
    stopSweeper();
    stopPurging();
    stopDuties();
    presence.stop();
  });

  io.on("connection", (socket) => {
    // Attached synchronously: an event sent right after connect must find its listener.
    socket.onAny(dispatch);
    socket.on("disconnect", presence.disconnected);
    socket.on("disconnect", caps.released);
    const { user, sessionId } = socket.data;
    void socket.join([userChannel(user.id), sessionChannel(sessionId)]);
    socket.emit("session:ready", { user });
    // Every joined room and DM, so unread counts and notifications arrive live.
    deps.memberships
      .roomIdsWithDefault(user.id, deps.defaultRoom.id)
      .then((ids) => socket.join(ids.map(roomChannel)))
      .catch((error) => deps.logger.error("room subscription failed", error));
    presence.connected(socket).catch((error) => deps.logger.error("presence connect failed", error));
  });

  return io;
}
