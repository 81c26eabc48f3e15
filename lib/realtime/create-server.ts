import type { Server as HttpServer } from "node:http";
import { Server } from "socket.io";
import { authenticateSocket } from "@/lib/realtime/authenticate";
import { roomChannel, sessionChannel, userChannel } from "@/lib/realtime/events";
import { registerMessageHandlers } from "@/lib/realtime/handlers/messages";
import { registerPresenceHandlers } from "@/lib/realtime/handlers/presence";
import { registerRoomHandlers } from "@/lib/realtime/handlers/rooms";
import { registerSocialHandlers } from "@/lib/realtime/handlers/social";
import { registerTypingHandlers } from "@/lib/realtime/handlers/typing";
import { createModerationEffects, MODERATION_EVENTS, registerModerationHandlers } from "@/lib/realtime/moderation";
import { createRealtimeHooks, registerSessionHandlers, startIdleSweeper } from "@/lib/realtime/sessions";
import type { ParleyServer, RealtimeDeps } from "@/lib/realtime/types";

export const KNOWN_EVENTS = new Set([
  "room:join",
  "room:leave",
  "room:create",
  "room:update",
  "room:delete",
  "room:kick",
  "room:list",
  "room:mine",
  "room:members",
  "room:read",
  "dm:open",
  "message:send",
  "message:history",
  "presence:list",
  "typing:start",
  "typing:stop",
  "block:add",
  "block:remove",
  "block:list",
  "user:check",
  "users:last",
  "users:active",
  "session:activity",
  ...MODERATION_EVENTS,
]);

/** Socket.IO mounted on Parley's http server at /socket.io. */
export function createRealtimeServer(httpServer: HttpServer, deps: RealtimeDeps): ParleyServer {
  const io: ParleyServer = new Server(httpServer, {
    path: "/socket.io",
    // Next's dev server has its own websocket (HMR) on the same port.
    destroyUpgrade: false,
    perMessageDeflate: false,
    // A 2000-character message is at most 8 KB of UTF-8; leave room for framing.
    maxHttpBufferSize: 32 * 1024,
    serveClient: false,
  });

  io.use(authenticateSocket(deps));
  deps.realtime = createRealtimeHooks(io);
  deps.moderation.effects = createModerationEffects(io, deps);
  const stopSweeper = startIdleSweeper(io, deps, deps.realtime);
  httpServer.once("close", stopSweeper);

  io.on("connection", (socket) => {
    // Handlers are attached synchronously: an event sent right after connect must
    // find its listener.
    socket.onAny((event: string, ...args: unknown[]) => {
      if (KNOWN_EVENTS.has(event)) return;
      const error = { code: "VALIDATION" as const, message: `Unknown event "${event.slice(0, 64)}".` };
      const ack = args.at(-1);
      if (typeof ack === "function") ack({ ok: false, error });
      else socket.emit("error:event", { event: event.slice(0, 64), error });
    });
    const { user, sessionId } = socket.data;
    void socket.join([userChannel(user.id), sessionChannel(sessionId)]);
    registerSessionHandlers(io, socket, deps);
    registerRoomHandlers(io, socket, deps);
    registerMessageHandlers(io, socket, deps);
    registerTypingHandlers(io, socket, deps);
    registerSocialHandlers(io, socket, deps);
    registerModerationHandlers(io, socket, deps);
    socket.emit("session:ready", { user });
    // Every joined room and DM, so unread counts and notifications arrive live.
    deps.memberships
      .ensureDefaultMembership(user.id, deps.defaultRoom.id)
      .then(() => deps.memberships.memberRoomIds(user.id))
      .then((ids) => socket.join(ids.map(roomChannel)))
      .catch((error) => deps.logger.error("room subscription failed", error));
    registerPresenceHandlers(io, socket, deps).catch((error) => deps.logger.error("presence connect failed", error));
  });

  return io;
}
