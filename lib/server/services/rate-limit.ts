import "server-only";
import crypto from "node:crypto";
import { Ratelimit } from "@upstash/ratelimit";
import type Redis from "ioredis";
import type { Logger } from "@/lib/server/logger";
import { createStoreFailureLog, withTimeout } from "@/lib/server/stores/redis-store";

export interface LimitResult {
  success: boolean;
  remaining: number;
  /** Epoch ms when the window frees up. */
  reset: number;
}

export interface RateLimiter {
  limit(key: string): Promise<LimitResult>;
}

export interface LimitRule {
  /** Namespace for keys, e.g. "msg". */
  name: string;
  tokens: number;
  windowMs: number;
}

/** The limits Parley applies; moderators are exempt from the message limit. */
export const LIMITS = {
  message: { name: "msg", tokens: 30, windowMs: 10_000 },
  roomCreate: { name: "room", tokens: 5, windowMs: 3_600_000 },
  /** Adding and taking back reactions, per user. */
  reaction: { name: "react", tokens: 30, windowMs: 10_000 },
  dmOpen: { name: "dm", tokens: 30, windowMs: 600_000 },
  report: { name: "report", tokens: 10, windowMs: 3_600_000 },
  /** Counted per user before the upload is read: every try costs a decode. */
  avatarUpload: { name: "avatar", tokens: 10, windowMs: 600_000 },
  /** Attachment uploads per user, counted before the body is read (10 files per message, a few messages a minute). */
  upload: { name: "upload", tokens: 60, windowMs: 600_000 },
  /** The default only: the console's sign-up setting replaces `tokens` (see createRateLimiters). */
  signUpPerIp: { name: "signup", tokens: 20, windowMs: 3_600_000 },
} satisfies Record<string, LimitRule>;

/** A fixed rule, or one read at every call so a console setting applies at once. */
export type RuleSource = LimitRule | (() => LimitRule);
const ruleOf = (source: RuleSource): LimitRule => (typeof source === "function" ? source() : source);

/**
 * The embedded default: a sliding-window log per key in this process. Same
 * interface as the Redis-backed limiter, so nothing else changes when Redis is set.
 */
export function createMemoryLimiter(source: RuleSource, now: () => number = Date.now): RateLimiter {
  const hits = new Map<string, number[]>();
  return {
    async limit(key) {
      const rule = ruleOf(source);
      const at = now();
      const from = at - rule.windowMs;
      const recent = (hits.get(key) ?? []).filter((t) => t > from);
      const success = recent.length < rule.tokens;
      if (success) recent.push(at);
      if (recent.length === 0) hits.delete(key);
      else hits.set(key, recent);
      if (hits.size > 50_000) for (const [k, v] of hits) if ((v.at(-1) ?? 0) <= from) hits.delete(k);
      return { success, remaining: Math.max(0, rule.tokens - recent.length), reset: (recent[0] ?? at) + rule.windowMs };
    },
  };
}

const sha1 = (text: string) => crypto.createHash("sha1").update(text).digest("hex");

/**
 * Lets @upstash/ratelimit talk to a plain Redis through ioredis. Its Lua scripts open
 * with `#!lua flags=allow-key-locking`, which stock Redis 7 rejects, so the shebang is
 * dropped and Upstash's script hashes are mapped to the stripped scripts' hashes.
 */
export function upstashRedisAdapter(redis: Redis) {
  const stripped = new Map<string, string>();
  const strip = (script: string) => script.replace(/^#!lua[^\n]*\n/, "");
  return {
    async eval(script: string, keys: string[], args: unknown[]) {
      const body = strip(script);
      stripped.set(sha1(script), body);
      return redis.eval(body, keys.length, ...keys, ...(args as string[]));
    },
    async evalsha(hash: string, keys: string[], args: unknown[]) {
      const body = stripped.get(hash);
      if (!body) throw new Error("NOSCRIPT No matching script (Parley adapter)");
      try {
        return await redis.evalsha(sha1(body), keys.length, ...keys, ...(args as string[]));
      } catch (error) {
        if (!`${error}`.includes("NOSCRIPT")) throw error;
        return redis.eval(body, keys.length, ...keys, ...(args as string[]));
      }
    },
  };
}

/**
 * Shared by every node through Redis. When Redis fails or is slower than
 * REDIS_STORE_TIMEOUT_MS, this node limits on its own (in memory) until Redis answers
 * again, with a log line: nodes keep serving through a Redis outage, still limited.
 */
export function createRedisLimiter(redis: Redis, source: RuleSource, logger?: Pick<Logger, "warn">, prefix = "parley"): RateLimiter {
  const adapter = upstashRedisAdapter(redis) as never;
  // One Ratelimit per rule shape; they share keys (the prefix), so a changed limit keeps the counts so far.
  const limiters = new Map<string, Ratelimit>();
  const limiterFor = (rule: LimitRule) => {
    const shape = `${rule.tokens}/${rule.windowMs}`;
    let limiter = limiters.get(shape);
    if (!limiter) {
      limiter = new Ratelimit({
        redis: adapter,
        limiter: Ratelimit.slidingWindow(rule.tokens, `${rule.windowMs} ms`),
        prefix: `${prefix}:rl:${rule.name}`,
        ephemeralCache: false,
        analytics: false,
      });
      limiters.set(shape, limiter);
    }
    return limiter;
  };
  const fallback = createMemoryLimiter(source);
  // Named at the first failure: a live rule may read settings that are not loaded yet.
  let failed: ReturnType<typeof createStoreFailureLog> | null = null;
  return {
    async limit(key) {
      try {
        const r = await withTimeout(limiterFor(ruleOf(source)).limit(key));
        return { success: r.success, remaining: r.remaining, reset: r.reset };
      } catch (error) {
        failed ??= createStoreFailureLog(logger, `rate limit "${ruleOf(source).name}"`);
        failed(error, "limiting on this node alone");
        return fallback.limit(key);
      }
    },
  };
}

export type RateLimiters = Record<keyof typeof LIMITS, RateLimiter>;

/** `signUpsPerHour` reads the console setting (LIMITS.signUpPerIp's default when not given). */
export function createRateLimiters(redis?: Redis, live: { signUpsPerHour?: () => number; prefix?: string } = {}, logger?: Pick<Logger, "warn">): RateLimiters {
  const make = (rule: RuleSource) => (redis ? createRedisLimiter(redis, rule, logger, live.prefix) : createMemoryLimiter(rule));
  const { signUpsPerHour } = live;
  return {
    message: make(LIMITS.message),
    roomCreate: make(LIMITS.roomCreate),
    reaction: make(LIMITS.reaction),
    dmOpen: make(LIMITS.dmOpen),
    report: make(LIMITS.report),
    avatarUpload: make(LIMITS.avatarUpload),
    upload: make(LIMITS.upload),
    signUpPerIp: make(signUpsPerHour ? () => ({ ...LIMITS.signUpPerIp, tokens: signUpsPerHour() }) : LIMITS.signUpPerIp),
  };
}

export function retryInSeconds(result: LimitResult, now = Date.now()): number {
  return Math.max(1, Math.ceil((result.reset - now) / 1000));
}
