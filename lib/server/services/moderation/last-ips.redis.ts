import "server-only";
import type Redis from "ioredis";
import type { Logger } from "@/lib/server/logger";
import type { LastIpStore } from "@/lib/server/services/moderation/last-ips";
import { createMemoryLastIps } from "@/lib/server/services/moderation/last-ips";
import { createStoreFailureLog, REDIS_PREFIX, withTimeout } from "@/lib/server/stores/redis-store";

/** Long enough for a ban placed days after someone's last visit; short enough that Redis forgets the departed. */
const REMEMBER_MS = 30 * 24 * 3_600_000;

/**
 * Last addresses shared by every node, so a ban placed on node A knows the address of
 * someone connected to node B. This node's own handshakes are also kept in memory and
 * answer when Redis fails (with a log line): a lookup never hangs the ban.
 */
export function createRedisLastIps(deps: { redis: Redis; logger?: Pick<Logger, "warn">; prefix?: string }): LastIpStore {
  const { redis } = deps;
  const prefix = `${deps.prefix ?? REDIS_PREFIX}:lastip`;
  const local = createMemoryLastIps();
  const failed = createStoreFailureLog(deps.logger, "last addresses");

  return {
    remember(userId, ip) {
      local.remember(userId, ip);
      redis.set(`${prefix}:${userId}`, ip, "PX", REMEMBER_MS).catch((error) => failed(error, "this address is known to this node only"));
    },
    async lastIpOf(userId) {
      try {
        const ip = await withTimeout(redis.get(`${prefix}:${userId}`));
        if (ip) return ip;
      } catch (error) {
        failed(error, "answering from this node's own handshakes");
      }
      return local.lastIpOf(userId);
    },
  };
}
