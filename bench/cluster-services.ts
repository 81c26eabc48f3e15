import Redis from "ioredis";
import pg from "pg";

/**
 * PostgreSQL and Redis for the cluster phase: a fresh database and a unique key
 * prefix per run, both removed afterwards, so runs never see each other's data.
 */

async function withClient<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** Why PostgreSQL or Redis cannot be used, or null when both answer. */
export async function servicesUnavailable(postgresUrl: string, redisUrl: string): Promise<string | null> {
  try {
    await withClient(postgresUrl, (c) => c.query("SELECT 1"));
  } catch (error) {
    return `PostgreSQL unreachable at ${postgresUrl} (${error instanceof Error ? error.message : String(error)})`;
  }
  const redis = new Redis(redisUrl, { lazyConnect: true, connectTimeout: 3_000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  redis.on("error", () => {});
  try {
    await redis.connect();
    await redis.ping();
    return null;
  } catch (error) {
    return `Redis unreachable at ${redisUrl} (${error instanceof Error ? error.message : String(error)})`;
  } finally {
    redis.disconnect();
  }
}

export interface BenchDatabase {
  url: string;
  /** The id of #general, made by the first node's bootstrap. */
  generalRoomId(): Promise<string>;
  /** Rows of `Message` whose clientId starts with `tag.`. */
  countStored(tag: string): Promise<number>;
  /**
   * Samples what this database's other sessions are doing (pg_stat_activity) every
   * `everyMs` until the returned function is called: the share of samples per
   * "state wait_event_type:wait_event" (e.g. Lock:advisory, IO:WalSync, or idle in
   * transaction, i.e. waiting for the node's next statement). Where a durable
   * target is missed, this says whether the time went to locks, fsync or round trips.
   */
  sampleActivity(everyMs?: number): () => Promise<ActivityShares>;
  drop(): Promise<void>;
}

/** Share of sampled backend-moments per activity, plus how many samples were taken. */
export interface ActivityShares {
  samples: number;
  /** Backends of the database seen per sample, on average. */
  backends: number;
  shares: Record<string, number>;
}

/** A new empty database on the server of `serverUrl`; Parley's first node migrates it. */
export async function createBenchDatabase(serverUrl: string): Promise<BenchDatabase> {
  const name = `parley_bench_${process.pid}_${Date.now().toString(36)}`;
  await withClient(serverUrl, (c) => c.query(`CREATE DATABASE "${name}"`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const pool = new pg.Pool({ connectionString: url.toString(), max: 1 });
  return {
    url: url.toString(),
    async generalRoomId() {
      const { rows } = await pool.query<{ id: string }>(`SELECT id FROM "Room" WHERE name = 'general'`);
      if (!rows[0]) throw new Error("no #general room in the database");
      return rows[0].id;
    },
    async countStored(tag) {
      const { rows } = await pool.query<{ n: string }>(`SELECT count(*) AS n FROM "Message" WHERE "clientId" LIKE $1`, [`${tag}.%`]);
      return Number(rows[0]?.n ?? 0);
    },
    sampleActivity(everyMs = 10) {
      const sampler = new pg.Client({ connectionString: url.toString() });
      const counts = new Map<string, number>();
      let samples = 0;
      let seen = 0;
      let running = true;
      const loop = (async () => {
        await sampler.connect();
        while (running) {
          const { rows } = await sampler.query<{ activity: string }>(
            `SELECT state || coalesce(' ' || wait_event_type || ':' || wait_event, ' CPU') AS activity
               FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend' AND state <> 'idle'`,
          );
          samples++;
          seen += rows.length;
          for (const { activity } of rows) counts.set(activity, (counts.get(activity) ?? 0) + 1);
          await new Promise((resolve) => setTimeout(resolve, everyMs));
        }
      })();
      return async () => {
        running = false;
        await loop.catch(() => {});
        await sampler.end().catch(() => {});
        const total = Math.max(1, seen);
        const shares = Object.fromEntries([...counts].sort((x, y) => y[1] - x[1]).map(([k, n]) => [k, Math.round((n / total) * 1000) / 1000]));
        return { samples, backends: Math.round((seen / Math.max(1, samples)) * 100) / 100, shares };
      };
    },
    async drop() {
      await pool.end();
      await withClient(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}

/** Deletes every key under `prefix:` (Parley's streams, presence, limiter windows…). */
export async function deleteRedisPrefix(redisUrl: string, prefix: string): Promise<number> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  try {
    let deleted = 0;
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}:*`, "COUNT", 500);
      cursor = next;
      if (keys.length) deleted += await redis.del(...keys);
    } while (cursor !== "0");
    return deleted;
  } finally {
    redis.disconnect();
  }
}
