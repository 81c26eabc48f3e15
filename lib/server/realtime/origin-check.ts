import "server-only";
import { HandshakeError } from "@/lib/server/realtime/authenticate";
import type { ParleySocket } from "@/lib/server/realtime/types";
import type { OriginPolicy } from "@/lib/server/security/origin";
import { FOREIGN_ORIGIN_MESSAGE, isAllowedOrigin } from "@/lib/server/security/origin";

/**
 * A WebSocket carries the browser's cookies to any page on the same site (another
 * port of the same host included) and has no CORS: only the Origin header tells
 * Parley's own pages apart. Clients that send none (the terminal client) pass.
 */
export function refuseForeignOrigins(policy: OriginPolicy) {
  return (socket: ParleySocket, next: (error?: Error) => void) => {
    const { headers } = socket.request;
    const origin = headers.origin;
    const encrypted = "encrypted" in socket.request.socket && socket.request.socket.encrypted === true;
    if (origin && !isAllowedOrigin(origin, headers, encrypted, policy)) {
      next(new HandshakeError("FORBIDDEN_ORIGIN", `${FOREIGN_ORIGIN_MESSAGE}. Open Parley at its own address.`));
      return;
    }
    next();
  };
}
