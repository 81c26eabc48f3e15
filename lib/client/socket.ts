import { io, type Socket } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents } from "@/lib/realtime/events";

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Same origin as the page; the session cookie authenticates the handshake. */
export function createClientSocket(): ClientSocket {
  return io({ path: "/socket.io", autoConnect: false, withCredentials: true, transports: ["websocket", "polling"] });
}
