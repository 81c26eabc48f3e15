import { describe, expect, it } from "vitest";
import { createRedisLastIps } from "@/lib/server/services/moderation/last-ips.redis";
import { redisTestNodes, unreachableRedis, warningsLog } from "@/tests/redis-test-nodes";

const redis = redisTestNodes("last addresses");

describe("Redis last addresses (two nodes)", () => {
  it("an IP ban placed on node A knows the address a user connected from on node B", async (ctx) => {
    if (!redis.ready()) return ctx.skip();
    const [a, b] = redis.nodes.map((client) => createRedisLastIps({ redis: client, prefix: redis.prefix }));
    b!.remember("alice", "203.0.113.7");
    await redis.nodes[1]!.ping();
    expect(await a!.lastIpOf("alice")).toBe("203.0.113.7");
    a!.remember("alice", "198.51.100.2");
    await redis.nodes[0]!.ping();
    expect(await b!.lastIpOf("alice")).toBe("198.51.100.2");
    expect(await a!.lastIpOf("nobody")).toBeNull();
  });

  it("with Redis gone, a node still knows its own handshakes' addresses", async () => {
    const dead = unreachableRedis();
    const log = warningsLog();
    const store = createRedisLastIps({ redis: dead, prefix: redis.prefix, logger: log.logger });
    store.remember("bob", "192.0.2.9");
    expect(await store.lastIpOf("bob")).toBe("192.0.2.9");
    expect(log.lines.join("\n")).toMatch(/last addresses: Redis failed/);
    dead.disconnect();
  });
});
