import net from "node:net";
import Redis from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb } from "@/lib/server/db/client";
import { checkReadiness } from "@/lib/server/services/readiness";
import { createPostgresDatabase, postgresReachable } from "@/tests/test-database";
import { createTestDb } from "@/tests/test-db";

/**
 * Real dependencies: the suite's database (SQLite, or PostgreSQL with
 * PARLEY_TEST_DATABASE_URL), the local Redis, and a "black hole" server that accepts
 * connections and never answers — what a hung database or Redis looks like to a probe.
 */
const redisUrl = process.env.REDIS_TEST_URL ?? "redis://127.0.0.1:6379";
let testDb: Awaited<ReturnType<typeof createTestDb>>;
let blackHole: net.Server;
let blackHolePort: number;
const held: net.Socket[] = [];

beforeAll(async () => {
  testDb = await createTestDb();
  blackHole = net.createServer((socket) => held.push(socket));
  await new Promise<void>((resolve) => blackHole.listen(0, "127.0.0.1", resolve));
  blackHolePort = (blackHole.address() as net.AddressInfo).port;
});
afterAll(async () => {
  for (const socket of held) socket.destroy();
  blackHole.close();
  await testDb.close();
});

async function reachableRedis(): Promise<Redis | null> {
  const client = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
  try {
    await client.connect();
    return client;
  } catch {
    console.warn(`Redis not reachable at ${redisUrl}: skipping the readiness test with Redis`);
    client.disconnect();
    return null;
  }
}

describe("readiness", () => {
  it("is ready when the database answers (no Redis configured: not checked)", async () => {
    expect(await checkReadiness({ db: testDb.db })).toEqual({ status: "ok", checks: { database: "ok" } });
  });

  it("is ready when the database and Redis answer", async (ctx) => {
    const redis = await reachableRedis();
    if (!redis) return ctx.skip();
    try {
      expect(await checkReadiness({ db: testDb.db, redis })).toEqual({ status: "ok", checks: { database: "ok", redis: "ok" } });
    } finally {
      redis.disconnect();
    }
  });

  it("is not ready while the node shuts down, though its dependencies answer", async () => {
    expect(await checkReadiness({ db: testDb.db, draining: true })).toEqual({
      status: "unavailable",
      checks: { database: "ok" },
      message: "This node is shutting down.",
    });
  });

  it("names Redis when it refuses connections", async () => {
    // Nothing listens on the closed port: ioredis gives up after its one retry.
    const redis = new Redis({ host: "127.0.0.1", port: await closedPort(), maxRetriesPerRequest: 1, retryStrategy: () => null, lazyConnect: true });
    redis.on("error", () => {}); // the refusal is what this test expects
    try {
      const readiness = await checkReadiness({ db: testDb.db, redis });
      expect(readiness.status).toBe("unavailable");
      expect(readiness.checks).toEqual({ database: "ok", redis: "failed" });
      expect(readiness.message).toBe("Redis refused the check.");
    } finally {
      redis.disconnect();
    }
  });

  it("answers within the timeout when Redis hangs", async () => {
    const redis = new Redis({ host: "127.0.0.1", port: blackHolePort, maxRetriesPerRequest: 1 });
    try {
      const started = Date.now();
      const readiness = await checkReadiness({ db: testDb.db, redis, timeoutMs: 500 });
      expect(Date.now() - started).toBeLessThan(1_500);
      expect(readiness).toEqual({ status: "unavailable", checks: { database: "ok", redis: "timeout" }, message: "Redis did not answer within 0.5 s." });
    } finally {
      redis.disconnect();
    }
  });

  it("names the database when it is closed", async () => {
    const { db, close } = await createTestDb();
    await close();
    const readiness = await checkReadiness({ db });
    expect(readiness.status).toBe("unavailable");
    expect(readiness.checks.database).not.toBe("ok");
    expect(readiness.message).toMatch(/^The database /);
  });

  it("answers within the timeout when the database hangs (PostgreSQL: its one pooled connection is stuck)", async (ctx) => {
    if (!(await postgresReachable())) return ctx.skip();
    const { url, drop } = await createPostgresDatabase();
    const db = await openDb(url, { max: 1, acquireTimeoutMs: 30_000 });
    try {
      // Prisma sends a query only once it is awaited; give it a moment to take the connection.
      const stuck = db.$queryRawUnsafe("SELECT 1 AS slept FROM pg_sleep(3)").then(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 200));
      const started = Date.now();
      const readiness = await checkReadiness({ db, timeoutMs: 500 });
      expect(Date.now() - started).toBeLessThan(1_500);
      expect(readiness).toEqual({ status: "unavailable", checks: { database: "timeout" }, message: "The database did not answer within 0.5 s." });
      await stuck;
    } finally {
      await db.$disconnect();
      await drop();
    }
  });
});

async function closedPort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
