import { describe, expect, it, vi } from "vitest";
import { createRedisMessageRate } from "@/lib/server/services/moderation/stats.redis";
import { redisTestNodes } from "@/tests/redis-test-nodes";
import type { Db } from "@/lib/server/db/client";

const redis = redisTestNodes("message rate");
const MINUTE = 60_000;
/** The chart only reads `db.message.findMany` at seed time. */
const dbWith = (times: number[]) => ({ message: { findMany: async () => times.map((t) => ({ createdAt: new Date(t) })) } }) as unknown as Db;
const countAt = (chart: Array<{ minute: string; count: number }>, at: number) =>
  chart.find((p) => p.minute === new Date(Math.floor(at / MINUTE) * MINUTE).toISOString())?.count;

describe("Redis message-rate chart (two nodes)", () => {
  it("messages counted on both nodes show on either", async (ctx) => {
    if (!redis.ready()) return ctx.skip();
    const [a, b] = redis.nodes.map((client) => createRedisMessageRate({ redis: client, prefix: redis.prefix }));
    const at = Date.now();
    for (let i = 0; i < 3; i++) a!.record(at);
    for (let i = 0; i < 4; i++) b!.record(at);
    await Promise.all(redis.nodes.map((n) => n.ping()));
    await a!.refresh();
    await b!.refresh();
    expect(countAt(a!.lastHour(), at)).toBe(7);
    expect(countAt(b!.lastHour(), at)).toBe(7);
    expect(a!.lastHour()).toHaveLength(60);
  });

  it("a node's chart picks up the other node's messages by itself as the dashboard polls", async (ctx) => {
    if (!redis.ready()) return ctx.skip();
    const prefix = `${redis.prefix}:poll`;
    const [a, b] = redis.nodes.map((client) => createRedisMessageRate({ redis: client, prefix, refreshMs: 50 }));
    await b!.seed(dbWith([]));
    const at = Date.now();
    for (let i = 0; i < 2; i++) a!.record(at);
    await redis.nodes[0]!.ping();
    expect(countAt(b!.lastHour(), at)).toBe(0);
    // Each poll answers with the last read of Redis and starts a new one when it is stale.
    await vi.waitFor(() => expect(countAt(b!.lastHour(), at)).toBe(2), { timeout: 2_000, interval: 20 });
  });

  it("seeding from the database fills an empty hour once, however many nodes start", async (ctx) => {
    if (!redis.ready()) return ctx.skip();
    const prefix = `${redis.prefix}:seed`;
    const at = Date.now() - 5 * MINUTE;
    const db = dbWith([at, at, at + 1]);
    const [a, b] = redis.nodes.map((client) => createRedisMessageRate({ redis: client, prefix }));
    await a!.seed(db);
    await b!.seed(db);
    expect(countAt(a!.lastHour(), at)).toBe(3);
    expect(countAt(b!.lastHour(), at)).toBe(3);
  });
});
