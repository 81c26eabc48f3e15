import { randomBytes } from "node:crypto";
import Redis from "ioredis";
import pg from "pg";
import type { ParleyProcess } from "./fixtures/parley-server";
import { E2E_DATABASE_PREFIX, startParley } from "./fixtures/parley-server";
import { expect, newChatter, test, uniqueName } from "./fixtures/test";

const POSTGRES = process.env.PARLEY_TEST_DATABASE_URL?.startsWith("postgres")
  ? process.env.PARLEY_TEST_DATABASE_URL
  : "postgresql://postgres@127.0.0.1:5432/postgres";
const REDIS = process.env.REDIS_TEST_URL ?? "redis://127.0.0.1:6379";

async function reachable(): Promise<string | null> {
  const client = new pg.Client({ connectionString: POSTGRES, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
  } catch {
    return `PostgreSQL not reachable at ${POSTGRES}`;
  } finally {
    await client.end().catch(() => undefined);
  }
  const redis = new Redis(REDIS, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
  redis.on("error", () => undefined);
  try {
    await redis.connect();
    await redis.ping();
    return null;
  } catch {
    return `Redis not reachable at ${REDIS}`;
  } finally {
    redis.disconnect();
  }
}

/** A fresh PostgreSQL database for the cluster; global-teardown drops it with the others. */
async function clusterDatabase(): Promise<string> {
  const name = `${E2E_DATABASE_PREFIX}cluster_${randomBytes(6).toString("hex")}`;
  const client = new pg.Client({ connectionString: POSTGRES });
  await client.connect();
  await client.query(`CREATE DATABASE "${name}"`);
  await client.end();
  const url = new URL(POSTGRES);
  url.pathname = `/${name}`;
  return url.toString();
}

test("two people on two nodes chat as on one: presence, typing, messages, history", async ({ browser }) => {
  test.setTimeout(180_000);
  const missing = await reachable();
  test.skip(missing !== null, missing ?? "");
  // Both nodes on one database and one Redis, nothing else shared: not even a secret.
  const env = { DATABASE_URL: await clusterDatabase(), REDIS_URL: REDIS, REDIS_PREFIX: `parley-e2e-${randomBytes(4).toString("hex")}` };
  const nodes: ParleyProcess[] = [];
  try {
    nodes.push(await startParley({ env }));
    nodes.push(await startParley({ env }));
    const [nodeA, nodeB] = nodes as [ParleyProcess, ParleyProcess];
    const ann = await newChatter(browser, nodeA.url);
    const ben = await newChatter(browser, nodeB.url);
    await ann.chat.signUp(uniqueName("ann"), "Ann on A");
    await ben.chat.signUp(uniqueName("ben"), "Ben on B");

    // Presence across nodes.
    await expect(ann.chat.page.getByRole("list", { name: "Online users" }).getByText("Ben on B")).toBeVisible();
    await expect(ben.chat.page.getByRole("list", { name: "Online users" }).getByText("Ann on A")).toBeVisible();

    // Typing and a live message, A → B and back.
    await ann.chat.composer.pressSequentially("Hello from node A", { delay: 20 });
    await expect(ben.chat.typing).toHaveText("Ann on A is typing…");
    await ann.chat.composer.press("Enter");
    await expect(ben.chat.exactMessage("Hello from node A")).toHaveCount(1);
    await ben.chat.send("Hello back from node B");
    await expect(ann.chat.exactMessage("Hello back from node B")).toHaveCount(1);

    // History is the same on both nodes after a reload.
    await ann.chat.page.reload();
    await ann.chat.expectInChat();
    await expect(ann.chat.exactMessage("Hello from node A")).toHaveCount(1);
    await expect(ann.chat.exactMessage("Hello back from node B")).toHaveCount(1);

    // Leaving is seen on the other node: Ben drops out of Ann's online list.
    await ben.context.close();
    await expect(ann.chat.page.getByRole("list", { name: "Online users" }).getByText("Ben on B")).toHaveCount(0);
  } finally {
    for (const node of nodes) await node.stop();
  }
});
