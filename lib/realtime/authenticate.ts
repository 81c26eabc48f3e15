import { decode } from "next-auth/jwt";
import { sessionTokenFromCookies } from "@/lib/auth/cookies";
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
export function authenticateSocket(deps: Pick<RealtimeDeps, "users" | "authSecret" | "logger">) {
  return async (socket: ParleySocket, next: (error?: Error) => void) => {
    try {
      const token = sessionTokenFromCookies(socket.request.headers.cookie);
      const claims = token ? await decode({ token, secret: deps.authSecret }).catch(() => null) : null;
      const userId = typeof claims?.sub === "string" ? claims.sub : undefined;
      const user = userId ? await deps.users.findById(userId) : null;
      if (!user) return next(new HandshakeError("UNAUTHENTICATED", "Please sign in to chat."));
      socket.data.user = user;
      socket.data.lastTypingAt = 0;
      next();
    } catch (error) {
      deps.logger.error("socket authentication failed", error);
      next(new HandshakeError("UNAVAILABLE", "The server could not check your session. Try again in a moment."));
    }
  };
}
