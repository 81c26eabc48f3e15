import "server-only";
import type { IncomingMessage } from "node:http";
import { decode } from "next-auth/jwt";
import { sessionTokenFromCookies } from "@/lib/server/auth/cookies";
import { clientIp } from "@/lib/server/client-ip";
import { banSentence } from "@/lib/server/services/moderation/sanctions";
import type { ParleySocket, RealtimeDeps } from "@/lib/server/realtime/types";

/** Refuses a handshake; the client's `connect_error` carries `message` and `data: { code, message }`. */
export class HandshakeError extends Error {
  data: { code: string; message: string };
  constructor(code: string, message: string) {
    super(message);
    this.data = { code, message };
  }
}

/**
 * Identity is settled, so nothing else needs the HTTP request the connection came
 * in on. Keeping it (and the headers copied into `socket.handshake`, session cookie
 * included) would cost every idle connection a few KB for as long as it stays open.
 */
function forgetHandshakeRequest(socket: ParleySocket) {
  // engine.io itself keeps the upgrade request alive for the connection's lifetime
  // (its WebSocketResponse listens for the TCP socket's close), so empty it as well.
  const request: Pick<IncomingMessage, "headers" | "rawHeaders"> = socket.request;
  request.headers = {};
  request.rawHeaders = [];
  (socket.conn as { request: unknown }).request = null;
  socket.handshake.headers = {};
}

/**
 * Socket.IO middleware: the identity of every event comes from the next-auth
 * session cookie sent with the handshake, never from a payload.
 */
export function authenticateSocket(deps: Pick<RealtimeDeps, "users" | "authSecret" | "logger" | "sessions" | "moderation" | "trustProxy">) {
  return async (socket: ParleySocket, next: (error?: Error) => void) => {
    try {
      const token = sessionTokenFromCookies(socket.request.headers.cookie);
      const claims = token ? await decode({ token, secret: deps.authSecret }).catch(() => null) : null;
      const sessionId = typeof claims?.sid === "string" ? claims.sid : undefined;
      const session = sessionId ? await deps.sessions.check(sessionId) : null;
      const user = session && "userId" in session && session.userId === claims?.sub ? await deps.users.findById(session.userId) : null;
      if (!user || !sessionId) return next(new HandshakeError("UNAUTHENTICATED", "Please sign in to chat."));
      const ip = clientIp(socket.request.headers, socket.request.socket.remoteAddress, deps.trustProxy);
      const standing = await deps.moderation.sanctions.standing(user.id);
      const ban = standing.ban ?? (await deps.moderation.sanctions.ipBanned(ip));
      if (ban) return next(new HandshakeError("BANNED", banSentence(ban)));
      deps.moderation.lastIps.remember(user.id, ip);
      // One literal, so the fields live inside the object (no extra property store per socket).
      socket.data = { user, sessionId, ip };
      forgetHandshakeRequest(socket);
      next();
    } catch (error) {
      deps.logger.error("socket authentication failed", error);
      next(new HandshakeError("UNAVAILABLE", "The server could not check your session. Try again in a moment."));
    }
  };
}
