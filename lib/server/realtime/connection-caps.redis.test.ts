import { describe, expect, it } from "vitest";
import type { NodeLiveness } from "@/lib/server/realtime/connection-caps.redis";
import { createRedisConnectionCaps } from "@/lib/server/realtime/connection-caps.redis";
import type { ParleyServer, ParleySocket } from "@/lib/server/realtime/types";
import { redisTestNodes, unreachableRedis, warningsLog } from "@/tests/redis-test-nodes";

const redis = redisTestNodes("connection caps", 3);
const io = {} as ParleyServer;
const fast: NodeLiveness = { heartbeatMs: 100, deadAfterMs: 400 };
let sockets = 0;

/** What the caps read of a socket: who, from where, and whether its client is still there. */
function socket(userId: string, ip: string) {
  return { id: `s${++sockets}`, data: { user: { id: userId }, ip }, conn: { readyState: "open" } } as unknown as ParleySocket;
}
/** Runs the handshake middleware; resolves with the refusal's message, or null when let in. */
const handshake = (caps: ReturnType<typeof createRedisConnectionCaps>, s: ParleySocket) =>
  new Promise<string | null>((resolve) => caps.check(s, (error) => resolve(error?.message ?? null)));

function nodes(prefix: string, count: number, caps = { perUser: 5, perAddress: 100 }) {
  return redis.nodes.slice(0, count).map((client) => createRedisConnectionCaps(io, caps, { redis: client, prefix, liveness: fast }));
}

describe("Redis connection caps (sockets spread over nodes)", () => {
  it("3 sockets on node A and 3 on node B meet one cap of 5 per user, with the usual sentence", async (ctx) => {
    if (!redis.ready()) return ctx.skip();
    const [a, b] = nodes(`${redis.prefix}:user`, 2);
    const results = [];
    for (let i = 0; i < 3; i++) results.push(await handshake(a!, socket("alice", `10.0.0.${i}`)));
    for (let i = 0; i < 3; i++) results.push(await handshake(b!, socket("alice", `10.0.1.${i}`)));
    expect(results.slice(0, 5)).toEqual([null, null, null, null, null]);
    expect(results[5]).toBe("You already have 5 Parley tabs or devices connected, the most allowed. Close one, then reload this page.");
    expect(await handshake(b!, socket("bob", "10.0.2.1"))).toBeNull();
    for (const n of [a, b]) n!.stop();
  });

  it("12 handshakes at once over two nodes: exactly 5 get in", async (ctx) => {
    if (!redis.ready()) return ctx.skip();
    const [a, b] = nodes(`${redis.prefix}:burst`, 2);
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => handshake(i % 2 ? a! : b!, socket("carol", `10.1.0.${i}`))));
    expect(results.filter((r) => r === null)).toHaveLength(5);
    for (const n of [a, b]) n!.stop();
  });

  it("a disconnect on one node frees a place for a connection on the other", async (ctx) => {
    if (!redis.ready()) return ctx.skip();
    const [a, b] = nodes(`${redis.prefix}:release`, 2);
    const onA = Array.from({ length: 5 }, (_, i) => socket("dave", `10.2.0.${i}`));
    for (const s of onA) expect(await handshake(a!, s)).toBeNull();
    expect(await handshake(b!, socket("dave", "10.2.1.1"))).toMatch(/already have 5/);
    a!.released.call(onA[0]!);
    await redis.nodes[0]!.ping();
    expect(await handshake(b!, socket("dave", "10.2.1.2"))).toBeNull();
    for (const n of [a, b]) n!.stop();
  });

  it("caps connections per address across nodes", async (ctx) => {
    if (!redis.ready()) return ctx.skip();
    const [a, b] = nodes(`${redis.prefix}:address`, 2, { perUser: 100, perAddress: 3 });
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await handshake(i % 2 ? a! : b!, socket(`user${i}`, "198.51.100.9")));
    expect(results.slice(0, 3)).toEqual([null, null, null]);
    expect(results[3]).toBe("Too many Parley connections from your network (3). Close some tabs or try again later.");
    for (const n of [a, b]) n!.stop();
  });

  it("a dead node's sockets stop counting once its heartbeat is old", async (ctx) => {
    if (!redis.ready()) return ctx.skip();
    const [a, b] = nodes(`${redis.prefix}:dead`, 2);
    for (let i = 0; i < 5; i++) expect(await handshake(a!, socket("erin", `10.3.0.${i}`))).toBeNull();
    expect(await handshake(b!, socket("erin", "10.3.1.1"))).toMatch(/already have 5/);
    a!.stop(); // node A dies: no more heartbeats, no disconnects
    await new Promise((r) => setTimeout(r, fast.deadAfterMs + 3 * fast.heartbeatMs));
    const after = [];
    for (let i = 0; i < 6; i++) after.push(await handshake(b!, socket("erin", `10.3.2.${i}`)));
    expect(after.filter((r) => r === null)).toHaveLength(5);
    b!.stop();
  });

  it("a node that just started counts: the others see it at their next heartbeat", async (ctx) => {
    if (!redis.ready()) return ctx.skip();
    const prefix = `${redis.prefix}:late`;
    const [a, b] = nodes(prefix, 2);
    await handshake(a!, socket("frank", "10.4.0.1"));
    const [, , late] = redis.nodes.map((client) => createRedisConnectionCaps(io, { perUser: 5, perAddress: 100 }, { redis: client, prefix, liveness: fast }));
    for (let i = 0; i < 3; i++) expect(await handshake(late!, socket("frank", `10.4.1.${i}`))).toBeNull();
    await new Promise((r) => setTimeout(r, 2 * fast.heartbeatMs));
    expect(await handshake(b!, socket("frank", "10.4.2.1"))).toBeNull();
    expect(await handshake(b!, socket("frank", "10.4.2.2"))).toMatch(/already have 5/);
    for (const n of [a, b, late]) n!.stop();
  });

  it("after Redis loses its data (a restart), a node puts its sockets back in the count at its next heartbeat", async (ctx) => {
    if (!redis.ready()) return ctx.skip();
    const prefix = `${redis.prefix}:restart`;
    const [a, b] = nodes(prefix, 2);
    for (let i = 0; i < 5; i++) expect(await handshake(a!, socket("hana", `10.6.0.${i}`))).toBeNull();
    const keys = await redis.nodes[0]!.keys(`${prefix}*`);
    await redis.nodes[0]!.del(...keys);
    await new Promise((r) => setTimeout(r, 3 * fast.heartbeatMs));
    expect(await handshake(b!, socket("hana", "10.6.1.1"))).toMatch(/already have 5/);
    for (const n of [a, b]) n!.stop();
  });

  it("fails open: with Redis gone, a connection is let in at once with a warning", async () => {
    const dead = unreachableRedis();
    const log = warningsLog();
    const caps = createRedisConnectionCaps(io, { perUser: 1, perAddress: 1 }, { redis: dead, prefix: redis.prefix, logger: log.logger, liveness: fast });
    const started = Date.now();
    expect(await handshake(caps, socket("gina", "10.5.0.1"))).toBeNull();
    expect(await handshake(caps, socket("gina", "10.5.0.1"))).toBeNull();
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(log.lines.join("\n")).toMatch(/connection caps: Redis failed/);
    caps.stop();
    dead.disconnect();
  });
});
