import { describe, expect, it } from "vitest";
import { TYPING_RELAY_INTERVAL_MS } from "@/lib/server/services/typing";
import { createRedisTypingThrottle } from "@/lib/server/services/typing.redis";
import { redisTestNodes, unreachableRedis, warningsLog } from "@/tests/redis-test-nodes";

const redis = redisTestNodes("typing");
const twoNodes = () => redis.nodes.map((client) => createRedisTypingThrottle({ redis: client, prefix: redis.prefix }));

describe("Redis typing throttle (one person's tabs on two nodes)", () => {
  it("20 starts at once from tabs on both nodes relay one, and one stop clears it", async (ctx) => {
    if (!redis.ready()) return ctx.skip();
    const nodes = twoNodes();
    const starts = await Promise.all(Array.from({ length: 20 }, (_, i) => nodes[i % 2]!.start("alice", "lobby")));
    expect(starts.filter(Boolean)).toHaveLength(1);
    const stops = await Promise.all(Array.from({ length: 6 }, (_, i) => nodes[i % 2]!.stop("alice", "lobby")));
    expect(stops.filter(Boolean)).toHaveLength(1);
    expect(await nodes[0]!.start("alice", "other-room")).toBe(true);
    expect(await nodes[1]!.start("bob", "lobby")).toBe(true);
  });

  it("a stop does not reopen the window; a start after the interval is relayed again on the other node", async (ctx) => {
    if (!redis.ready()) return ctx.skip();
    const [a, b] = twoNodes();
    expect(await a!.start("carol", "lobby")).toBe(true);
    expect(await b!.stop("carol", "lobby")).toBe(true);
    expect(await b!.start("carol", "lobby")).toBe(false);
    expect(await a!.stop("carol", "lobby")).toBe(false);
    await new Promise((r) => setTimeout(r, TYPING_RELAY_INTERVAL_MS + 50));
    expect(await b!.start("carol", "lobby")).toBe(true);
  });

  it("fails open: with Redis gone, typing is relayed at once with a warning", async () => {
    const dead = unreachableRedis();
    const log = warningsLog();
    const typing = createRedisTypingThrottle({ redis: dead, prefix: redis.prefix, logger: log.logger });
    expect(await typing.start("dave", "lobby")).toBe(true);
    expect(await typing.stop("dave", "lobby")).toBe(true);
    expect(log.lines.join("\n")).toMatch(/typing: Redis failed/);
    dead.disconnect();
  });
});
