import pg from "pg";
import { E2E_DATABASE_PREFIX } from "./fixtures/parley-server";

/** On PostgreSQL (PARLEY_TEST_DATABASE_URL), drops the databases the servers of this run used. */
export default async function globalTeardown() {
  const server = process.env.PARLEY_TEST_DATABASE_URL;
  if (!server || !/^postgres(ql)?:/.test(server)) return;
  const client = new pg.Client({ connectionString: server });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>("SELECT datname FROM pg_database WHERE starts_with(datname, $1)", [E2E_DATABASE_PREFIX]);
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
