import type { Server as HttpServer } from "node:http";
import { Server } from "socket.io";
import { authenticateSocket } from "@/lib/realtime/authenticate";
import { userChannel } from "@/lib/realtime/events";
import { registerMessageHandlers } from "@/lib/realtime/handlers/messages";
import { registerPresenceHandlers } from "@/lib/realtime/handlers/presence";
import { registerRoomHandlers } from "@/lib/realtime/handlers/rooms";
import { registerTypingHandlers } from "@/lib/realtime/handlers/typing";
import type { ParleyServer, RealtimeDeps } from "@/lib/realtime/types";

export const KNOWN_EVENTS = new Set([
  "room:join",
  "message:send",
  "message:history",
  "presence:list",
  "typing:start",
  "typing:stop",
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
    void socket.join(userChannel(socket.data.user.id));
    registerRoomHandlers(io, socket, deps);
    registerMessageHandlers(io, socket, deps);
    registerTypingHandlers(io, socket, deps);
    socket.emit("session:ready", { user: socket.data.user });
    registerPresenceHandlers(io, socket, deps).catch((error) => deps.logger.error("presence connect failed", error));
  });

  return io;
}
