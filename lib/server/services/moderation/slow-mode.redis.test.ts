import { describe, expect, it } from "vitest";
import { createRedisSlowMode } from "@/lib/server/services/moderation/slow-mode.redis";
import { redisTestNodes, unreachableRedis, warningsLog } from "@/tests/redis-test-nodes";

const redis = redisTestNodes("slow mode");
const twoNodes = () => redis.nodes.map((client) => createRedisSlowMode({ redis: client, prefix: redis.prefix }));

describe("Redis slow mode (two nodes)", () => {
  it("a message stored through node A holds the same person back on node B, in that room only", async (ctx) => {
    if (!redis.ready()) return ctx.skip();
    const [a, b] = twoNodes();
    await a!.enter("alice", "lobby", 30, Date.now());
    a!.end("alice", "lobby", 30, true, Date.now());
    await expect(b!.enter("alice", "lobby", 30, Date.now())).rejects.toThrow(/Slow mode is on: wait (30|29) s before your next message here\./);
    await expect(b!.enter("alice", "other-room", 30, Date.now())).resolves.toBeUndefined();
    await expect(b!.enter("bob", "lobby", 30, Date.now())).resolves.toBeUndefined();
  });

  it("of 20 messages sent at once through both nodes, exactly one is admitted", async (ctx) => {
    if (!redis.ready()) return ctx.skip();
    const nodes = twoNodes();
    const results = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => nodes[i % 2]!.enter("carol", "lobby", 10, Date.now())));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
  });

  it("a message that was not stored does not start the gap, and the next may go through the other node", async (ctx) => {
    if (!redis.ready()) return ctx.skip();
    const [a, b] = twoNodes();
    await a!.enter("dave", "lobby", 30, Date.now());
    a!.end("dave", "lobby", 30, false, Date.now());
    await expect(b!.enter("dave", "lobby", 30, Date.now())).resolves.toBeUndefined();
  });

  it("the gap ends on time", async (ctx) => {
    if (!redis.ready()) return ctx.skip();
    const [a, b] = twoNodes();
    await a!.enter("erin", "lobby", 1, Date.now());
    a!.end("erin", "lobby", 1, true, Date.now());
    await expect(b!.enter("erin", "lobby", 1, Date.now())).rejects.toThrow(/wait 1 s/);
    await new Promise((r) => setTimeout(r, 1_050));
    await expect(b!.enter("erin", "lobby", 1, Date.now())).resolves.toBeUndefined();
  });

  it("fails open: with Redis gone, a message goes through instead of hanging", async (ctx) => {
    if (!redis.ready()) return ctx.skip();
    const dead = unreachableRedis();
    const log = warningsLog();
    const slow = createRedisSlowMode({ redis: dead, prefix: redis.prefix, logger: log.logger });
    const started = Date.now();
    await expect(slow.enter("frank", "lobby", 30, Date.now())).resolves.toBeUndefined();
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(log.lines.join("\n")).toMatch(/slow mode: Redis failed/);
    dead.disconnect();
  });
});
