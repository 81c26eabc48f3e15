import "server-only";
import crypto from "node:crypto";
import type Redis from "ioredis";
import type { Logger } from "@/lib/server/logger";
import type { ModerationSettings } from "@/lib/shared/schemas/moderation";
import type { SpamGuard, SpamVerdict, StrikeRecord } from "@/lib/server/services/moderation/spam-guard";
import { duplicateCounts, escalateStrike, floodCounts } from "@/lib/server/services/moderation/spam-guard";
import { createStoreFailureLog, LUA_NOW, REDIS_PREFIX, withTimeout } from "@/lib/server/stores/redis-store";

/**
 * The in-memory guard's rules as one script, so messages from one person on two nodes
 * land in the same windows. KEYS (one user's hash tag): flood sorted set, this text's
 * sorted set, last warning (ms), last auto-ban (µs; older repeats stop counting).
 * ARGV: flood window ms, flood messages, duplicate window ms, duplicate count, repeat
 * window ms, a unique member. Returns {0} ok, or {1 warn | 2 ban, rule, count}.
 */
const CHECK = `${LUA_NOW}
local floodWindow, dupWindow, repeatWindow = tonumber(ARGV[1]), tonumber(ARGV[3]), tonumber(ARGV[5])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - floodWindow)
redis.call('ZADD', KEYS[1], now, ARGV[6])
redis.call('PEXPIRE', KEYS[1], floodWindow)
local rule, count
local sent = redis.call('ZCARD', KEYS[1])
if sent >= tonumber(ARGV[2]) then
  redis.call('DEL', KEYS[1])
  rule, count = 'flood', sent
else
  -- Repeats are timed in microseconds (an exact integer as a string), so one sent right
  -- after a ban, within the same millisecond, is told apart from those the ban wiped.
  local nowUs = clock[1] .. string.format('%06d', tonumber(clock[2]))
  redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', nowUs - dupWindow * 1000)
  redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', redis.call('GET', KEYS[4]) or '0')
  redis.call('ZADD', KEYS[2], nowUs, ARGV[6])
  redis.call('PEXPIRE', KEYS[2], dupWindow)
  local same = redis.call('ZCARD', KEYS[2])
  if same < tonumber(ARGV[4]) then return {0} end
  redis.call('DEL', KEYS[2])
  rule, count = 'duplicate', same
end
local warned = redis.call('GET', KEYS[3])
if not warned or now - tonumber(warned) > repeatWindow then
  redis.call('SET', KEYS[3], now, 'PX', repeatWindow + 1000)
  return {1, rule, count}
end
redis.call('DEL', KEYS[3], KEYS[1])
redis.call('SET', KEYS[4], clock[1] .. string.format('%06d', tonumber(clock[2])), 'PX', dupWindow)
return {2, rule, count}
`;

const sha1 = (text: string) => crypto.createHash("sha1").update(text).digest("hex");

/**
 * Flood and duplicate windows shared by every node; escalation reads strikes from the
 * database as before. Windows are timed by Redis's clock, not the `now` given (nodes'
 * clocks differ). Fails open: when Redis is down or slow a message is not counted
 * (with a log line) rather than refused; the rate limit and the word filter still apply.
 */
export function createRedisSpamGuard(deps: {
  redis: Redis;
  settings: () => ModerationSettings;
  logger?: Pick<Logger, "warn">;
  prefix?: string;
}): Omit<SpamGuard, "check"> & { check(userId: string, text: string, now: number): Promise<SpamVerdict> } {
  const { redis } = deps;
  const prefix = `${deps.prefix ?? REDIS_PREFIX}:spam`;
  const failed = createStoreFailureLog(deps.logger, "spam guard");

  return {
    async check(userId: string, text: string) {
      const s = deps.settings();
      const tag = `${prefix}:{${userId}}`;
      const keys = [`${tag}:flood`, `${tag}:dup:${sha1(text.trim().toLowerCase())}`, `${tag}:warned`, `${tag}:cleared`];
      const args = [
        s.flood.windowSeconds * 1000,
        s.flood.messages,
        s.duplicate.windowSeconds * 1000,
        s.duplicate.count,
        s.repeatWindowSeconds * 1000,
        crypto.randomUUID(),
      ];
      let reply: [number, ("flood" | "duplicate")?, number?];
      try {
        reply = (await withTimeout(redis.eval(CHECK, keys.length, ...keys, ...args))) as typeof reply;
      } catch (error) {
        failed(error, "the message was not counted for flood or duplicates");
        return { kind: "ok" };
      }
      const [kind, rule, count] = reply;
      if (kind === 0 || !rule || count === undefined) return { kind: "ok" };
      const counts = rule === "flood" ? floodCounts(count, s.flood.windowSeconds) : duplicateCounts(count, s.duplicate.windowSeconds);
      const verdict: SpamVerdict = { kind: kind === 2 ? "ban" : "warn", rule, counts };
      return verdict;
    },
    escalate(record: StrikeRecord, now: number) {
      return escalateStrike(deps.settings(), record, now);
    },
  };
}
