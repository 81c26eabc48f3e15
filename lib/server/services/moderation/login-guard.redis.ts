import "server-only";
import type Redis from "ioredis";
import type { Logger } from "@/lib/server/logger";
import { createStoreFailureLog, withTimeout } from "@/lib/server/stores/redis-store";
import type { ModerationSettings } from "@/lib/shared/schemas/moderation";
import type { LoginGuard } from "@/lib/server/services/moderation/login-guard";
import { newTicket } from "@/lib/server/services/moderation/login-guard";

/**
 * Waits (ms) before the pair or address may try again. KEYS: pair hash, address
 * sorted set (ticket → time). ARGV: (unused), ipWindowMs, ipMax. Time is Redis's own
 * clock: nodes' clocks differ, and a script that runs after another may have read
 * its node's clock earlier (a block of 60 s then looked like 61).
 */
const WAIT = `
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
local window = tonumber(ARGV[2])
local wait = 0
local blocked = tonumber(redis.call('HGET', KEYS[1], 'until') or '0')
if blocked > now then wait = blocked - now end
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - window)
if redis.call('ZCARD', KEYS[2]) >= tonumber(ARGV[3]) then
  local oldest = redis.call('ZRANGE', KEYS[2], 0, 0, 'WITHSCORES')
  local freed = tonumber(oldest[2]) + window - now
  if freed > wait then wait = freed end
end
`;

/** The check and the count in one script, so no two nodes (or requests) both slip under the limit. ARGV adds maxAttempts, blockMs, ticket, pairTtlMs. */
const RESERVE = `${WAIT}
if wait > 0 then return wait end
local failures = redis.call('HINCRBY', KEYS[1], 'failures', 1)
if failures >= tonumber(ARGV[4]) then
  redis.call('HSET', KEYS[1], 'failures', 0, 'until', now + tonumber(ARGV[5]))
end
redis.call('PEXPIRE', KEYS[1], math.max(tonumber(ARGV[7]), tonumber(ARGV[5])))
redis.call('ZADD', KEYS[2], now, ARGV[6])
redis.call('PEXPIRE', KEYS[2], window)
return 0
`;

const RETRY_AFTER = `${WAIT}
return wait
`;

/** Unlike the in-memory guard, a pair's failure count is forgotten after a day without attempts. */
const PAIR_TTL_MS = 24 * 3_600_000;

/** The guard shared by every node through Redis, for when Parley runs on more than one. */
export function createRedisLoginGuard(deps: { redis: Redis; settings: () => ModerationSettings["login"]; prefix?: string }): LoginGuard {
  const { redis } = deps;
  const prefix = deps.prefix ?? "parley:login";
  const pairKey = (username: string, ip: string) => `${prefix}:pair:${username}:${ip}`;
  const ipKey = (ip: string) => `${prefix}:ip:${ip}`;
  const toSeconds = (ms: unknown) => Math.ceil(Number(ms) / 1000);

  return {
    async reserve(username, ip) {
      const s = deps.settings();
      const ticket = newTicket();
      const wait = await redis.eval(
        RESERVE,
        2,
        pairKey(username, ip),
        ipKey(ip),
        0,
        s.ipWindowSeconds * 1000,
        s.ipMaxFailures,
        s.maxAttempts,
        s.blockSeconds * 1000,
        ticket,
        PAIR_TTL_MS,
      );
      return Number(wait) > 0 ? { ok: false, retryAfter: toSeconds(wait) } : { ok: true, ticket };
    },

    async succeeded(username, ip, ticket) {
      await redis.multi().del(pairKey(username, ip)).zrem(ipKey(ip), ticket).exec();
    },

    async retryAfter(username, ip) {
      const s = deps.settings();
      return toSeconds(await redis.eval(RETRY_AFTER, 2, pairKey(username, ip), ipKey(ip), 0, s.ipWindowSeconds * 1000, s.ipMaxFailures));
    },
  };
}

/**
 * While Redis fails or stalls, sign-in goes on with this node's own lockout (counted
 * here until Redis answers again) instead of failing for everyone.
 */
export function withLocalLoginFallback(shared: LoginGuard, local: LoginGuard, logger?: Pick<Logger, "warn">): LoginGuard {
  const failed = createStoreFailureLog(logger, "login lockout");
  const either = <T>(call: (guard: LoginGuard) => Promise<T>): Promise<T> =>
    withTimeout(call(shared)).catch((error: unknown) => {
      failed(error, "counting wrong passwords on this node alone");
      return call(local);
    });
  return {
    reserve: (username, ip) => either((g) => g.reserve(username, ip)),
    succeeded: (username, ip, ticket) => either((g) => g.succeeded(username, ip, ticket)),
    retryAfter: (username, ip) => either((g) => g.retryAfter(username, ip)),
  };
}
