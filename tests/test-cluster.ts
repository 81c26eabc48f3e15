import { afterAll, beforeAll } from "vitest";
import { REDIS_TEST_URL, redisReachable, testRedisPrefix } from "@/tests/redis-test";
import type { TestServer } from "@/tests/socket-harness";
import { startTestServer } from "@/tests/socket-harness";
import { createPostgresDatabase, postgresReachable } from "@/tests/test-database";

type NodeOptions = Omit<NonNullable<Parameters<typeof startTestServer>[0]>, "database" | "redis">;

/**
 * Two Parley nodes for one test file, on a fresh PostgreSQL database and one Redis under a
 * key prefix of the file's own; started before the tests and closed after. `nodes()` is
 * null where PostgreSQL or Redis does not answer (the tests skip, and the reason is printed).
 */
export function twoNodes(name: string, options: NodeOptions = {}) {
  let pair: [TestServer, TestServer] | null = null;
  let drop: () => Promise<void> = async () => {};
  beforeAll(async () => {
    if (!(await postgresReachable()) || !(await redisReachable())) return;
    const database = await createPostgresDatabase();
    drop = database.drop;
    const shared = { url: database.url, drop: async () => {} };
    const redis = { url: REDIS_TEST_URL, prefix: testRedisPrefix(name) };
    pair = await Promise.all([startTestServer({ ...options, database: shared, redis }), startTestServer({ ...options, database: shared, redis })]);
  });
  afterAll(async () => {
    for (const node of pair ?? []) await node.close();
    await drop();
  });
  return { nodes: () => pair };
}
