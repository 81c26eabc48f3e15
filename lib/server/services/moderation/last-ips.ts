import "server-only";
/**
 * The address each user last connected from, so an admin can ban it. Written at every
 * handshake, read only when an IP ban is placed.
 */
export interface LastIpStore {
  remember(userId: string, ip: string): void;
  lastIpOf(userId: string): Promise<string | null>;
}

/** One node's memory: an IP ban knows only the addresses of users who connected here since the start. */
export function createMemoryLastIps(): LastIpStore {
  const ips = new Map<string, string>();
  return {
    remember(userId, ip) {
      ips.set(userId, ip);
    },
    async lastIpOf(userId) {
      return ips.get(userId) ?? null;
    },
  };
}
