import Redis from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RoomSummary } from "@/lib/shared/types";
import type { TestServer } from "@/tests/socket-harness";
import { call, startTestServer } from "@/tests/socket-harness";
import { createPostgresDatabase, postgresReachable } from "@/tests/test-database";

/**
 * Two real Parley nodes on one PostgreSQL database (SQLite is one node's: its file is
 * locked), each with its own Redis connection as two processes would have, wired by
 * bootstrap and createRealtimeServer as in production.
 * No Socket.IO adapter here: only the shared stores are under test. Keys carry a
 * per-run prefix (ioredis keyPrefix), so other runs and real nodes are never touched.
 */
const url = process.env.REDIS_TEST_URL ?? "redis://127.0.0.1:6379";
const keyPrefix = `parley-test:shared-stores:${Date.now()}:${Math.random().toString(36).slice(2, 8)}:`;
const clients: Redis[] = [];
let nodeA: TestServer | null = null;
let nodeB: TestServer | null = null;
let dropDatabase: () => Promise<void> = async () => {};
const proxied = (ip: string) => ({ "x-forwarded-for": ip });
const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: Error & { data?: { code: string; message: string } }) => error.data ?? { message: error.message },
  );

beforeAll(async () => {
  for (let i = 0; i < 2; i++) {
    const client = new Redis(url, { keyPrefix, lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
    try {
      await client.connect();
      clients.push(client);
    } catch {
      console.warn(`Redis not reachable at ${url}: skipping the two-node shared-store test`);
      client.disconnect();
      return;
    }
  }
  if (!(await postgresReachable())) return;
  const database = await createPostgresDatabase();
  dropDatabase = database.drop;
  const shared = { url: database.url, drop: async () => {} };
  const realtime = { caps: { perUser: 3, perAddress: 50 } };
  nodeA = await startTestServer({ database: shared, redis: clients[0], realtime, trustProxy: { hops: 1 } });
  nodeB = await startTestServer({ database: shared, redis: clients[1], realtime, trustProxy: { hops: 1 } });
}, 60_000);
afterAll(async () => {
  await nodeA?.close();
  await nodeB?.close();
  await dropDatabase();
  const cleaner = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
  try {
    await cleaner.connect();
    const keys = await cleaner.keys(`${keyPrefix}*`);
    if (keys.length > 0) await cleaner.del(...keys);
  } catch {
    // Nothing to clean without Redis.
  }
  cleaner.disconnect();
  for (const c of clients) c.disconnect();
});

describe("two nodes sharing their stores through Redis", () => {
  it("one person's tabs on both nodes meet one connection cap, with the usual sentence", async (ctx) => {
    if (!nodeA || !nodeB) return ctx.skip();
    const user = await nodeA.createUser();
    await nodeA.connectAs(user, proxied("10.9.0.1"));
    await nodeA.connectAs(user, proxied("10.9.0.2"));
    await nodeB.connectAs(user, proxied("10.9.0.3"));
    expect(await refusal(nodeB.connectAs(user, proxied("10.9.0.4")))).toEqual({
      code: "TOO_MANY_CONNECTIONS",
      message: "You already have 3 Parley tabs or devices connected, the most allowed. Close one, then reload this page.",
    });
  });

  it("slow mode: a message sent through node A holds the same person back on node B", async (ctx) => {
    if (!nodeA || !nodeB) return ctx.skip();
    const owner = await nodeA.person();
    const created = await call<RoomSummary>(owner.client, "room:create", { name: `slow-${Date.now()}` });
    if (!created.ok) throw new Error(created.error.message);
    await nodeA.context.rooms.update(owner.user, { roomId: created.data.id, slowModeSeconds: 30 });
    const writer = await nodeA.createUser();
    const onA = await nodeA.connectAs(writer);
    const onB = await nodeB.connectAs(writer);
    for (const tab of [onA, onB]) expect((await call(tab, "room:join", { roomId: created.data.id })).ok).toBe(true);
    const first = await call(onA, "message:send", { roomId: created.data.id, body: "first", clientId: "slow-redis-0001" });
    expect(first.ok).toBe(true);
    const second = await call(onB, "message:send", { roomId: created.data.id, body: "second", clientId: "slow-redis-0002" });
    expect(second).toMatchObject({
      ok: false,
      error: { code: "RATE_LIMITED", message: expect.stringMatching(/^Slow mode is on: wait (30|29) s before your next message here\.$/) },
    });
  });

  it("an IP ban placed on node A knows the address of someone connected to node B", async (ctx) => {
    if (!nodeA || !nodeB) return ctx.skip();
    const admin = await nodeA.createUser();
    await nodeA.context.db.user.update({ where: { id: admin.id }, data: { role: "admin" } });
    const target = await nodeB.createUser();
    await nodeB.connectAs(target, proxied("203.0.113.77"));
    const sanction = await nodeA.context.moderation.actions.ban({ ...admin, role: "admin" }, { userId: target.id, reason: "ban evasion", ip: true });
    expect(sanction).toMatchObject({ kind: "ban" });
    const bystander = await nodeA.createUser();
    expect(await refusal(nodeA.connectAs(bystander, proxied("203.0.113.77")))).toMatchObject({ code: "BANNED" });
  });
});
