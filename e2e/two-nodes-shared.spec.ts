import { request } from "@playwright/test";
import pg from "pg";
import sharp from "sharp";
import { expect, test } from "@playwright/test";
import type { ParleyProcess } from "./fixtures/parley-server";
import { E2E_DATABASE_PREFIX, startParley } from "./fixtures/parley-server";
import { signedInClient } from "./pages/admin-api";

/**
 * Two nodes on one PostgreSQL database, each with its own empty data folder and no
 * AUTH_SECRET: what they generate (the session secret) and what people upload (avatars)
 * lives in the database, so either node serves what the other made.
 */
const server = process.env.PARLEY_TEST_DATABASE_URL?.startsWith("postgres")
  ? process.env.PARLEY_TEST_DATABASE_URL
  : "postgresql://postgres@127.0.0.1:5432/postgres";
const nodes: ParleyProcess[] = [];
let admin: pg.Client;
const name = `${E2E_DATABASE_PREFIX}shared_${Date.now().toString(36)}`;

test.beforeAll(async () => {
  admin = new pg.Client({ connectionString: server, connectionTimeoutMillis: 3_000 });
  try {
    await admin.connect();
  } catch {
    test.skip(true, `PostgreSQL not reachable at ${server}`);
  }
  await admin.query(`CREATE DATABASE "${name}"`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  const env = { DATABASE_URL: url.toString() };
  // Started together: both race to create the secrets, as a cluster's first start does.
  nodes.push(...(await Promise.all([startParley({ env }), startParley({ env })])));
});
test.afterAll(async () => {
  await Promise.all(nodes.map((node) => node.stop()));
  await admin?.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => {});
  await admin?.end().catch(() => {});
});

test("a session made on node A is valid on node B, and an avatar uploaded through A is served by B with the same headers", async () => {
  const [a, b] = nodes as [ParleyProcess, ParleyProcess];
  const onA = await signedInClient(a.url, `ava${Date.now().toString(36)}`, "Ava");
  // Same host, other port: the browser would send the same cookie, and B must accept it.
  const onB = await request.newContext({ baseURL: b.url, storageState: await onA.storageState() });
  const session = (await (await onB.get("/api/auth/session")).json()) as { user?: { username: string } };
  expect(session.user?.username).toMatch(/^ava/);

  const png = await sharp({ create: { width: 300, height: 200, channels: 3, background: "#cc3366" } })
    .png()
    .toBuffer();
  const upload = await onA.post("/api/profile/avatar", { multipart: { file: { name: "me.png", mimeType: "image/png", buffer: png } } });
  expect(upload.status(), await upload.text()).toBe(200);
  const { profile } = (await (await onA.get("/api/profile")).json()) as { profile: { avatarUrl: string } };
  expect(profile.avatarUrl).toMatch(/^\/api\/avatars\/[A-Za-z0-9_-]{22}\.webp$/);

  const fromA = await onA.get(profile.avatarUrl);
  const fromB = await request.newContext({ baseURL: b.url }).then((anonymous) => anonymous.get(profile.avatarUrl));
  expect(fromB.status()).toBe(200);
  expect(await fromB.body()).toEqual(await fromA.body());
  expect((await sharp(await fromB.body()).metadata()).format).toBe("webp");
  // (The Content-Security-Policy differs by design: each response gets its own nonce and names its node's host.)
  for (const header of ["content-type", "content-length", "cache-control", "x-content-type-options", "cross-origin-resource-policy", "x-frame-options"]) {
    expect(fromB.headers()[header], header).toBe(fromA.headers()[header]);
  }
  expect(fromB.headers()["cache-control"]).toBe("public, max-age=31536000, immutable");

  const missing = await onB.get("/api/avatars/AAAAAAAAAAAAAAAAAAAAAA.webp");
  expect(missing.status()).toBe(404);
  expect(((await missing.json()) as { error: { message: string } }).error.message).toBe("That avatar does not exist.");
  expect((await onB.get("/api/avatars/..%2F..%2Fparley.db")).status()).toBe(404);
});
