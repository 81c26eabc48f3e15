import "server-only";
import { HandshakeError } from "@/lib/server/realtime/authenticate";
import { userChannel } from "@/lib/shared/events";
import type { ParleyServer, ParleySocket } from "@/lib/server/realtime/types";

export interface ConnectionCaps {
  /** Open sockets one account may hold (tabs, devices). */
  perUser: number;
  /** Open sockets from one network address. */
  perAddress: number;
}

export const DEFAULT_CONNECTION_CAPS: ConnectionCaps = { perUser: 20, perAddress: 200 };

/** The handshake middleware and the disconnect listener that enforce the caps. */
export interface ConnectionCapGuard {
  check(socket: ParleySocket, next: (error?: Error) => void): void;
  /** Shared disconnect listener (`this` is the socket). */
  released(this: ParleySocket): void;
}

export const tooManyForUser = (cap: number) =>
  new HandshakeError("TOO_MANY_CONNECTIONS", `You already have ${cap} Parley tabs or devices connected, the most allowed. Close one, then reload this page.`);
export const tooManyFromAddress = (cap: number) =>
  new HandshakeError("TOO_MANY_CONNECTIONS", `Too many Parley connections from your network (${cap}). Close some tabs or try again later.`);

/**
 * Refuses the handshake past the caps. Runs last among the middlewares and decides
 * synchronously: Socket.IO then joins the user's channel in the same tick, so a burst
 * of parallel handshakes cannot all slip past one count. Counts are this node's
 * (connection-caps.redis.ts counts every node's); the user count is the adapter's own room size.
 */
export function createConnectionCaps(io: ParleyServer, caps: ConnectionCaps): ConnectionCapGuard {
  const byAddress = new Map<string, number>();
  return {
    check(socket: ParleySocket, next: (error?: Error) => void): void {
      const { user, ip } = socket.data;
      const ofUser = io.of("/").adapter.rooms.get(userChannel(user.id))?.size ?? 0;
      if (ofUser >= caps.perUser) {
        next(tooManyForUser(caps.perUser));
        return;
      }
      const fromAddress = byAddress.get(ip) ?? 0;
      if (fromAddress >= caps.perAddress) {
        next(tooManyFromAddress(caps.perAddress));
        return;
      }
      byAddress.set(ip, fromAddress + 1);
      next();
    },
    released(this: ParleySocket): void {
      const left = (byAddress.get(this.data.ip) ?? 1) - 1;
      if (left <= 0) byAddress.delete(this.data.ip);
      else byAddress.set(this.data.ip, left);
    },
  };
}
