import Redis from "ioredis";
import { afterAll, beforeAll } from "vitest";

/**
 * For *.redis.test.ts: `count` separate Redis connections standing for as many nodes,
 * on REDIS_TEST_URL. Empty (and the reason printed) where no Redis listens, so the
 * suite skips; `prefix` is unique per run so runs and suites never share keys.
 */
export function redisTestNodes(what: string, count = 2) {
  const url = process.env.REDIS_TEST_URL ?? "redis://127.0.0.1:6379";
  const nodes: Redis[] = [];
  const prefix = `parley-test:${what.replace(/\W+/g, "-")}:${Date.now()}:${Math.random().toString(36).slice(2, 8)}`;
  beforeAll(async () => {
    for (let i = 0; i < count; i++) {
      const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
      try {
        await client.connect();
        nodes.push(client);
      } catch {
        console.warn(`Redis not reachable at ${url}: skipping the Redis ${what} test`);
        client.disconnect();
        break;
      }
    }
  });
  afterAll(async () => {
    const keys = nodes[0] ? await nodes[0].keys(`${prefix}*`) : [];
    if (keys.length > 0) await nodes[0]?.del(...keys);
    for (const c of nodes) c.disconnect();
  });
  return { nodes, prefix, ready: () => nodes.length === count };
}

/** A client whose Redis is gone (nothing listens on port 1), to show a store falls back instead of hanging. */
export function unreachableRedis(): Redis {
  const client = new Redis("redis://127.0.0.1:1", { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on("error", () => undefined);
  return client;
}

/** A logger that keeps its warnings, to check a fallback says so. */
export function warningsLog() {
  const lines: string[] = [];
  return { lines, logger: { warn: (message: string) => void lines.push(message) } };
}
