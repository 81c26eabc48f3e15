import "server-only";
import type Redis from "ioredis";
import type { Logger } from "@/lib/server/logger";
import type { SlowMode } from "@/lib/server/services/moderation/slow-mode";
import { slowModeRefusal } from "@/lib/server/services/moderation/slow-mode";
import { createStoreFailureLog, LUA_NOW, REDIS_PREFIX, withTimeout } from "@/lib/server/stores/redis-store";

/** A write that never reported back (its node died) stops holding the person back after this long. */
const HOLD_MS = 10_000;

/**
 * Check and hold in one script, so two nodes never both admit a message inside the gap.
 * KEYS: last stored post (ms), posts being written. ARGV: gap ms, hold ms. Returns the wait in ms (0: go ahead).
 */
const ENTER = `${LUA_NOW}
local gap = tonumber(ARGV[1])
if tonumber(redis.call('GET', KEYS[2]) or '0') > 0 then return gap end
local last = redis.call('GET', KEYS[1])
if last and now - tonumber(last) < gap then return gap - (now - tonumber(last)) end
redis.call('INCR', KEYS[2])
redis.call('PEXPIRE', KEYS[2], ARGV[2])
return 0
`;

/** KEYS as ENTER. ARGV: 1 when the message was stored, gap ms. */
const END = `${LUA_NOW}
if redis.call('DECR', KEYS[2]) <= 0 then redis.call('DEL', KEYS[2]) end
if ARGV[1] == '1' then redis.call('SET', KEYS[1], now, 'PX', ARGV[2]) end
return 0
`;

/**
 * Slow mode shared by every node, timed by Redis's clock (nodes' clocks differ), so the
 * `now` given is not used. Rooms without slow mode never reach Redis. Fails
 * open: when Redis is down or slow, a message goes through (with a log line) rather
 * than a room going silent; the rate limit still applies.
 */
export function createRedisSlowMode(deps: { redis: Redis; logger?: Pick<Logger, "warn">; prefix?: string }): SlowMode {
  const { redis } = deps;
  const prefix = `${deps.prefix ?? REDIS_PREFIX}:slow`;
  const failed = createStoreFailureLog(deps.logger, "slow mode");
  // One hash tag per (room, user): both keys sit in one Redis Cluster slot, as a script needs.
  const keysOf = (userId: string, roomId: string) => {
    const tag = `${prefix}:{${roomId}:${userId}}`;
    return [`${tag}:last`, `${tag}:writing`] as const;
  };

  return {
    async enter(userId, roomId, seconds) {
      if (seconds <= 0) return;
      let wait: number;
      try {
        wait = Number(await withTimeout(redis.eval(ENTER, 2, ...keysOf(userId, roomId), seconds * 1000, HOLD_MS)));
      } catch (error) {
        failed(error, "letting the message through without slow mode");
        return;
      }
      if (wait > 0) throw slowModeRefusal(Math.ceil(wait / 1000));
    },
    end(userId, roomId, seconds, stored) {
      if (seconds <= 0) return;
      redis.eval(END, 2, ...keysOf(userId, roomId), stored ? 1 : 0, seconds * 1000).catch((error) => failed(error, `the hold ends within ${HOLD_MS / 1000} s`));
    },
  };
}
