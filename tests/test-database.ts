import path from "node:path";
import pg from "pg";
import { withDatabase } from "@/lib/server/db/url";

/**
 * Which database the suites run on. Unset: a SQLite file per test (the embedded
 * default). `PARLEY_TEST_DATABASE_URL=postgresql://…` (a server where the user may
 * create databases; the database in the URL is only used to create and drop others):
 * a fresh PostgreSQL database per test server / test db, dropped at close.
 */
export const TEST_DATABASE_URL = process.env.PARLEY_TEST_DATABASE_URL;

/** For tests of PostgreSQL-only behaviour: the suite's server, else the local one (skipped when unreachable). */
export const POSTGRES_TEST_URL =
  TEST_DATABASE_URL && /^postgres(ql)?:/.test(TEST_DATABASE_URL) ? TEST_DATABASE_URL : "postgresql://postgres@127.0.0.1:5432/postgres";

async function admin<T>(serverUrl: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

let counter = 0;

/** A new empty PostgreSQL database on the server of `serverUrl`; `drop` removes it even with clients still connected. */
export async function createPostgresDatabase(serverUrl = POSTGRES_TEST_URL): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `parley_t_${process.pid}_${Date.now().toString(36)}_${++counter}`;
  await admin(serverUrl, (c) => c.query(`CREATE DATABASE "${name}"`));
  return {
    url: withDatabase(serverUrl, name),
    drop: () => admin(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}

/** Whether a PostgreSQL server answers at `serverUrl` (PostgreSQL-only tests skip otherwise). */
export async function postgresReachable(serverUrl = POSTGRES_TEST_URL): Promise<boolean> {
  try {
    await admin(serverUrl, (c) => c.query("SELECT 1"));
    return true;
  } catch {
    console.warn(`PostgreSQL not reachable at ${serverUrl}: skipping the PostgreSQL-only tests`);
    return false;
  }
}

/** The database a test server or service test uses: a SQLite file in `dataDir`, or a fresh PostgreSQL database. */
export async function createTestDatabaseUrl(dataDir: string): Promise<{ url: string; drop: () => Promise<void> }> {
  if (TEST_DATABASE_URL && /^postgres(ql)?:/.test(TEST_DATABASE_URL)) return createPostgresDatabase(TEST_DATABASE_URL);
  return { url: `file:${path.join(dataDir, "parley.db")}`, drop: async () => {} };
}
