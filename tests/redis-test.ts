import Redis from "ioredis";

export const REDIS_TEST_URL = process.env.REDIS_TEST_URL ?? "redis://127.0.0.1:6379";

/** True when a Redis answers at `url`; tests that need one skip (and say why) otherwise. */
export async function redisReachable(url = REDIS_TEST_URL): Promise<boolean> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
  try {
    await client.connect();
    await client.ping();
    return true;
  } catch {
    console.warn(`Redis not reachable at ${url}: skipping the tests that need it`);
    return false;
  } finally {
    client.disconnect();
  }
}

/** A key prefix of its own for one test cluster, so suites running at once never meet. */
export const testRedisPrefix = (name: string) => `parley-test-${name}-${process.pid}-${Date.now().toString(36)}`;
