import type { Socket } from "socket.io-client";
import { io } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents } from "@/lib/shared/events";

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const options = { path: "/socket.io", autoConnect: false, transports: ["websocket", "polling"] };

/** Same origin as the page; the session cookie authenticates the handshake. */
export function createClientSocket(): ClientSocket {
  return io({ ...options, withCredentials: true });
}

/**
 * A client outside a browser (the terminal client): it names the server and sends the
 * session cookie itself, and no Origin, which the server lets through with a session.
 * `retryMs`: a steady delay between reconnection attempts, so "retrying in 5 s" is true.
 */
export function createRemoteSocket(url: string, cookie: string, retryMs: number): ClientSocket {
  return io(url, {
    ...options,
    extraHeaders: { cookie },
    reconnectionDelay: retryMs,
    reconnectionDelayMax: retryMs,
    randomizationFactor: 0,
  });
}

/** Long enough to cover a client-side page change, short enough to free a closed tab's slot. */
const RELEASE_DELAY_MS = 3_000;
let shared: { socket: ClientSocket; users: number; closing: ReturnType<typeof setTimeout> | null } | null = null;

/**
 * One connection per tab, shared by the pages that need it: moving from the chat to
 * the settings page must not read as "logged out" and "logged in" to everyone else.
 */
export function acquireSocket(): ClientSocket {
  if (!shared) shared = { socket: createClientSocket(), users: 0, closing: null };
  if (shared.closing) clearTimeout(shared.closing);
  shared.closing = null;
  shared.users += 1;
  if (!shared.socket.connected && !shared.socket.active) shared.socket.connect();
  return shared.socket;
}

export function releaseSocket(socket: ClientSocket): void {
  if (!shared || shared.socket !== socket) return;
  shared.users -= 1;
  if (shared.users > 0) return;
  const current = shared;
  current.closing = setTimeout(() => {
    if (shared !== current || current.users > 0) return;
    current.socket.disconnect();
    shared = null;
  }, RELEASE_DELAY_MS);
}

/** Ends the tab's connection now (logging out, or the server ended the session). */
export function dropSocket(): void {
  if (!shared) return;
  if (shared.closing) clearTimeout(shared.closing);
  shared.socket.disconnect();
  shared = null;
}
