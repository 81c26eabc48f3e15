import "server-only";
import type Redis from "ioredis";
import type { Logger } from "@/lib/server/logger";
import type { TypingThrottle } from "@/lib/server/services/typing";
import { TYPING_FORGET_AFTER_MS, TYPING_RELAY_INTERVAL_MS } from "@/lib/server/services/typing";
import { createStoreFailureLog, REDIS_PREFIX, withTimeout } from "@/lib/server/stores/redis-store";

/** KEYS: the relay window, the "showing" flag. ARGV: window ms, forget ms. 1 when this start opens a window. */
const START = `
if redis.call('SET', KEYS[1], '1', 'NX', 'PX', ARGV[1]) then
  redis.call('SET', KEYS[2], '1', 'PX', ARGV[2])
  return 1
end
return 0
`;

/**
 * The typing throttle shared by every node, so a person whose tabs sit on two nodes
 * relays what one tab would. Fails open: when Redis is down or slow an event is relayed
 * (a duplicate "typing" line is harmless; a lost "stopped" would stick), with a log line.
 */
export function createRedisTypingThrottle(deps: { redis: Redis; logger?: Pick<Logger, "warn">; prefix?: string }): TypingThrottle {
  const { redis } = deps;
  const prefix = `${deps.prefix ?? REDIS_PREFIX}:typing`;
  const failed = createStoreFailureLog(deps.logger, "typing");
  // One hash tag per (user, room): the start script's two keys share a Redis Cluster slot.
  const tagOf = (userId: string, roomId: string) => `${prefix}:{${userId}:${roomId}}`;
  const relayAnyway = (error: unknown) => {
    failed(error, "relaying typing events unthrottled");
    return true;
  };

  return {
    start(userId, roomId) {
      const tag = tagOf(userId, roomId);
      return withTimeout(redis.eval(START, 2, `${tag}:window`, `${tag}:showing`, TYPING_RELAY_INTERVAL_MS, TYPING_FORGET_AFTER_MS)).then(
        (opened) => Number(opened) === 1,
        relayAnyway,
      );
    },
    stop(userId, roomId) {
      return withTimeout(redis.del(`${tagOf(userId, roomId)}:showing`)).then((removed) => removed === 1, relayAnyway);
    },
  };
}
