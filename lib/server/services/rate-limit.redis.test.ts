import Redis from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRedisLimiter } from "@/lib/server/services/rate-limit";
import { unreachableRedis, warningsLog } from "@/tests/redis-test-nodes";

/**
 * The scale-out path: @upstash/ratelimit against the plain Redis this machine runs.
 * Skipped (with the reason printed) where no Redis listens on REDIS_TEST_URL.
 */
const url = process.env.REDIS_TEST_URL ?? "redis://127.0.0.1:6379";
let redis: Redis | null = null;

beforeAll(async () => {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
  try {
    await client.connect();
    redis = client;
  } catch {
    console.warn(`Redis not reachable at ${url}: skipping the Redis rate-limit test`);
    client.disconnect();
  }
});
afterAll(() => redis?.disconnect());

describe("Redis-backed rate limiter (@upstash/ratelimit)", () => {
  it("limits with the sliding window on a stock Redis", async (ctx) => {
    if (!redis) return ctx.skip();
    const limiter = createRedisLimiter(redis, { name: `test-${Date.now()}`, tokens: 3, windowMs: 60_000 });
    const results = [];
    for (let i = 0; i < 5; i++) results.push((await limiter.limit("k")).success);
    expect(results).toEqual([true, true, true, false, false]);
    expect((await limiter.limit("other")).success).toBe(true);
  });

  it("with Redis gone, limits on this node alone at once, with a warning", async () => {
    const dead = unreachableRedis();
    const log = warningsLog();
    const limiter = createRedisLimiter(dead, { name: `test-dead-${Date.now()}`, tokens: 2, windowMs: 60_000 }, log.logger);
    const started = Date.now();
    const results = [];
    for (let i = 0; i < 3; i++) results.push((await limiter.limit("k")).success);
    expect(results).toEqual([true, true, false]);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(log.lines.join("\n")).toMatch(/rate limit "test-dead-\d+": Redis failed, limiting on this node alone/);
    dead.disconnect();
  });
});
