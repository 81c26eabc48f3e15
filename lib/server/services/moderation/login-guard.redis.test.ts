import Redis from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMemoryLoginGuard } from "@/lib/server/services/moderation/login-guard";
import { createRedisLoginGuard, withLocalLoginFallback } from "@/lib/server/services/moderation/login-guard.redis";
import { defaultModerationSettings } from "@/lib/server/services/moderation/settings";

/** Two nodes sharing the local Redis; skipped (with the reason printed) where none listens. */
const url = process.env.REDIS_TEST_URL ?? "redis://127.0.0.1:6379";
const clients: Redis[] = [];

beforeAll(async () => {
  for (let i = 0; i < 2; i++) {
    const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
    try {
      await client.connect();
      clients.push(client);
    } catch {
      console.warn(`Redis not reachable at ${url}: skipping the Redis login-guard test`);
      client.disconnect();
    }
  }
});
afterAll(() => {
  for (const c of clients) c.disconnect();
});

describe("Redis login guard", () => {
  it("reserves atomically across nodes: 3 of 50 simultaneous attempts go ahead, then the pair waits", async (ctx) => {
    if (clients.length < 2) return ctx.skip();
    const prefix = `parley-test:login:${Date.now()}`;
    const settings = () => defaultModerationSettings().login;
    const nodes = clients.map((redis) => createRedisLoginGuard({ redis, settings, prefix }));
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => nodes[i % 2]!.reserve("alice", "203.0.113.5")));
    expect(results.filter((r) => r.ok)).toHaveLength(3);
    expect(results.find((r) => !r.ok)).toEqual({ ok: false, retryAfter: 60 });
    expect(await nodes[1]!.retryAfter("alice", "203.0.113.5")).toBe(60);
    expect(await nodes[0]!.retryAfter("bob", "203.0.113.5")).toBe(0);
  });

  it("keeps counting wrong passwords on the node itself while Redis is unreachable, instead of failing sign-in", async () => {
    const settings = () => defaultModerationSettings().login;
    const gone = new Redis("redis://127.0.0.1:1", { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    gone.on("error", () => undefined);
    const guard = withLocalLoginFallback(
      createRedisLoginGuard({ redis: gone, settings, prefix: "parley-test:login-gone" }),
      createMemoryLoginGuard({ settings }),
      { warn: () => undefined },
    );
    const tries = [];
    for (let i = 0; i < 4; i++) tries.push(await guard.reserve("alice", "203.0.113.9"));
    expect(tries.slice(0, 3).every((t) => t.ok)).toBe(true);
    expect(tries[3]).toEqual({ ok: false, retryAfter: 60 });
    gone.disconnect();
  });
});
