import net from "node:net";
import pg from "pg";
import { expect, test } from "@playwright/test";
import type { ParleyProcess } from "./fixtures/parley-server";
import { startParley } from "./fixtures/parley-server";

/**
 * What a load balancer sees: /api/health says the process is up, /api/ready says
 * whether this node can serve (database, and Redis when configured), without a session
 * and within its 2 s budget even when a dependency is dead.
 */
const servers: ParleyProcess[] = [];
test.afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.stop()));
});

async function closedPort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

async function probe(url: string) {
  const started = Date.now();
  const response = await fetch(url, { cache: "no-store" });
  return {
    status: response.status,
    body: await response.json(),
    cacheControl: response.headers.get("cache-control"),
    headers: response.headers,
    ms: Date.now() - started,
  };
}

test("health and ready answer 200 without a session on the embedded default, never cached", async () => {
  const parley = await startParley();
  servers.push(parley);
  const health = await probe(`${parley.url}/api/health`);
  expect(health).toMatchObject({ status: 200, body: { status: "ok" }, cacheControl: "no-store" });
  expect(health.headers.get("x-content-type-options")).toBe("nosniff");
  const ready = await probe(`${parley.url}/api/ready`);
  expect(ready).toMatchObject({ status: 200, body: { status: "ok", checks: { database: "ok" } }, cacheControl: "no-store" });
  // GET only: a probe changes nothing, and nothing else is answered here.
  expect((await fetch(`${parley.url}/api/ready`, { method: "POST" })).status).toBe(405);
});

test("ready answers 503 naming Redis, within 2 s, when the configured Redis is unreachable; health stays 200", async () => {
  const parley = await startParley({ env: { REDIS_URL: `redis://127.0.0.1:${await closedPort()}` } });
  servers.push(parley);
  const ready = await probe(`${parley.url}/api/ready`);
  expect(ready.status).toBe(503);
  expect(ready.body).toMatchObject({ status: "unavailable", checks: { database: "ok", redis: expect.stringMatching(/^(failed|timeout)$/) } });
  expect(ready.body.message).toMatch(/^Redis /);
  expect(ready.cacheControl).toBe("no-store");
  expect(ready.ms).toBeLessThan(3_000);
  expect((await probe(`${parley.url}/api/health`)).status).toBe(200);
});

test("ready answers 503 naming the database once PostgreSQL has lost it", async () => {
  const server = process.env.PARLEY_TEST_DATABASE_URL?.startsWith("postgres")
    ? process.env.PARLEY_TEST_DATABASE_URL
    : "postgresql://postgres@127.0.0.1:5432/postgres";
  const admin = new pg.Client({ connectionString: server, connectionTimeoutMillis: 3_000 });
  try {
    await admin.connect();
  } catch {
    test.skip(true, `PostgreSQL not reachable at ${server}`);
  }
  const name = `parley_e2e_ready_${Date.now().toString(36)}`;
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
    const url = new URL(server);
    url.pathname = `/${name}`;
    const parley = await startParley({ env: { DATABASE_URL: url.toString() } });
    servers.push(parley);
    expect((await probe(`${parley.url}/api/ready`)).status).toBe(200);

    await admin.query(`DROP DATABASE "${name}" WITH (FORCE)`);
    const ready = await probe(`${parley.url}/api/ready`);
    expect(ready.status).toBe(503);
    expect(ready.body).toMatchObject({ status: "unavailable", checks: { database: expect.stringMatching(/^(failed|timeout)$/) } });
    expect(ready.body.message).toMatch(/^The database /);
    expect(ready.ms).toBeLessThan(3_000);
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
});

test("during the shutdown grace period ready answers 503 so the load balancer drains the node; health stays 200", async () => {
  const parley = await startParley({ env: { SHUTDOWN_GRACE_SECONDS: "4" } });
  servers.push(parley);
  expect((await probe(`${parley.url}/api/ready`)).status).toBe(200);
  const stopped = parley.stop();
  await expect.poll(() => parley.output(), { timeout: 5_000 }).toContain("shutting down in 4 s");
  const ready = await probe(`${parley.url}/api/ready`);
  expect(ready.status).toBe(503);
  expect(ready.body).toMatchObject({ status: "unavailable", message: "This node is shutting down." });
  expect((await probe(`${parley.url}/api/health`)).status).toBe(200);
  expect(await stopped).toBe(0);
});
