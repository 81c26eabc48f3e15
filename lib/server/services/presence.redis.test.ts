import Redis from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRedisPresence } from "@/lib/server/services/presence.redis";
import { REDIS_TEST_URL, redisReachable, testRedisPrefix } from "@/tests/redis-test";

/** Several nodes' presence on the real local Redis; skipped (with the reason printed) where none listens. */
const clients: Redis[] = [];
let reachable = false;
beforeAll(async () => {
  reachable = await redisReachable();
});
afterAll(() => {
  for (const c of clients) c.disconnect();
});
const client = () => {
  const c = new Redis(REDIS_TEST_URL, { maxRetriesPerRequest: 1 });
  clients.push(c);
  return c;
};
const alice = { id: "u-alice", username: "alice", displayName: "Alice" };
const bob = { id: "u-bob", username: "bob", displayName: "Bob" };

describe("presence across nodes (Redis)", () => {
  it("counts a person once across tabs on two nodes, and announces them offline once, when the last tab goes", async (ctx) => {
    if (!reachable) return ctx.skip();
    const prefix = `{${testRedisPrefix("presence")}}:`;
    const [a, b] = [createRedisPresence({ redis: client(), nodeId: "A", prefix }), createRedisPresence({ redis: client(), nodeId: "B", prefix })];
    expect(await a.connect(alice, "a1")).toBe(true);
    expect(await b.connect(alice, "b1")).toBe(false);
    expect(await b.connect(bob, "b2")).toBe(true);
    expect(await a.count()).toBe(2);
    expect((await b.list()).map((u) => u.username)).toEqual(["alice", "bob"]);
    expect(await a.disconnect(alice.id, "a1")).toBe(false);
    expect(await a.isOnline(alice.id)).toBe(true);
    expect(await b.disconnect(alice.id, "b1")).toBe(true);
    expect(await a.isOnline(alice.id)).toBe(false);
    // A second disconnect of the same connection changes nothing.
    expect(await b.disconnect(alice.id, "b1")).toBe(false);
  });

  it("sweeps a node that stopped proving it is alive: its people go offline, once, within its time to live", async (ctx) => {
    if (!reachable) return ctx.skip();
    const prefix = `{${testRedisPrefix("presence-dead")}}:`;
    const dead = createRedisPresence({ redis: client(), nodeId: "dead", prefix, nodeTtlMs: 300 });
    const live = createRedisPresence({ redis: client(), nodeId: "live", prefix, nodeTtlMs: 300 });
    const other = createRedisPresence({ redis: client(), nodeId: "other", prefix, nodeTtlMs: 300 });
    await dead.connect(alice, "d1");
    await dead.connect(bob, "d2");
    await live.connect(bob, "l1"); // Bob also has a tab on a live node: he stays online.
    expect(await live.heartbeat()).toEqual([]);
    // "dead" is killed: it sends no more heartbeats; the others keep theirs.
    await new Promise((r) => setTimeout(r, 450));
    const [first, second] = await Promise.all([live.heartbeat(), other.heartbeat()]);
    const swept = [...first, ...second];
    expect(swept.map((u) => u.username)).toEqual(["alice"]);
    expect(await live.onlineIds()).toEqual([bob.id]);
    expect(await live.heartbeat()).toEqual([]);
  });

  it("resyncs a node's connections after Redis forgot or missed some", async (ctx) => {
    if (!reachable) return ctx.skip();
    const prefix = `{${testRedisPrefix("presence-resync")}}:`;
    const node = createRedisPresence({ redis: client(), nodeId: "n", prefix });
    await node.connect(alice, "stale"); // its disconnect never reached Redis
    const { online, offline } = await node.resync([{ user: bob, connectionId: "fresh" }]);
    expect(online.map((u) => u.username)).toEqual(["bob"]);
    expect(offline.map((u) => u.username)).toEqual(["alice"]);
    expect(await node.onlineIds()).toEqual([bob.id]);
  });
});
