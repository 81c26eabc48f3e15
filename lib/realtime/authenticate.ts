import { decode } from "next-auth/jwt";
import { sessionTokenFromCookies } from "@/lib/auth/cookies";
import { clientIp } from "@/lib/client-ip";
import { banSentence } from "@/lib/services/moderation/sanctions";
import type { ParleySocket, RealtimeDeps } from "@/lib/realtime/types";

class HandshakeError extends Error {
  data: { code: string; message: string };
  constructor(code: string, message: string) {
    super(message);
    this.data = { code, message };
  }
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
      deps.moderation.lastIps.set(user.id, ip);
      socket.data.user = user;
      socket.data.sessionId = sessionId;
      socket.data.lastTypingAt = 0;
      next();
    } catch (error) {
      deps.logger.error("socket authentication failed", error);
      next(new HandshakeError("UNAVAILABLE", "The server could not check your session. Try again in a moment."));
    }
  };
}
