import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/lib/server/db/client";
import { openDb } from "@/lib/server/db/client";
import { legacySecretFile, sharedAuthSecret, sharedSecret } from "@/lib/server/secrets";
import { sharedVapidKeys } from "@/lib/server/vapid-keys";
import { createTestDb } from "@/tests/test-db";

/**
 * On the suite's database: a SQLite file, or PostgreSQL with PARLEY_TEST_DATABASE_URL.
 * "Nodes" are separate database clients on the same database, each with its own data folder.
 */
let testDb: Awaited<ReturnType<typeof createTestDb>>;
const others: Db[] = [];
beforeEach(async () => {
  testDb = await createTestDb();
});
afterEach(async () => {
  await Promise.all(others.splice(0).map((db) => db.$disconnect()));
  await testDb.close();
});

async function node(): Promise<Db> {
  const db = await openDb(testDb.url);
  others.push(db);
  return db;
}

function writeLegacy(name: string, text: string, dataDir = testDb.dataDir) {
  fs.mkdirSync(path.join(dataDir, "secrets"), { recursive: true });
  fs.writeFileSync(legacySecretFile(dataDir, name), text);
}

describe("shared secrets", () => {
  it("are created once in the database and the same on every later start, with nothing written to the data folder", async () => {
    const first = await sharedAuthSecret(testDb.db, testDb.dataDir);
    expect(first).toMatch(/^[\w-]{40,}$/);
    expect(await sharedAuthSecret(await node(), testDb.dataDir)).toBe(first);
    expect(await testDb.db.serverSecret.findUnique({ where: { key: "auth-secret" } })).toMatchObject({ value: first });
    expect(fs.existsSync(path.join(testDb.dataDir, "secrets"))).toBe(false);
  });

  it("two nodes starting at once, each with its own data folder, end with one value", async () => {
    const nodes = [testDb.db, await node(), await node()];
    let made = 0;
    const values = await Promise.all(Array.from({ length: 12 }, (_, i) => sharedSecret(nodes[i % nodes.length]!, "race", { make: () => `value-${++made}` })));
    expect(new Set(values).size).toBe(1);
    expect(await testDb.db.serverSecret.count({ where: { key: "race" } })).toBe(1);
  });

  it("the auth secret of an existing data folder moves into the database, so its sessions stay valid", async () => {
    writeLegacy("auth-secret", "the-secret-an-older-parley-generated-long-enough\n");
    expect(await sharedAuthSecret(testDb.db, testDb.dataDir)).toBe("the-secret-an-older-parley-generated-long-enough");
    // Another node's different folder no longer matters: the database has the value.
    const elsewhere = fs.mkdtempSync(path.join(testDb.dataDir, "node-b-"));
    writeLegacy("auth-secret", "a-different-secret-from-another-node-folder", elsewhere);
    expect(await sharedAuthSecret(await node(), elsewhere)).toBe("the-secret-an-older-parley-generated-long-enough");
  });
});

describe("VAPID keys", () => {
  it("are created once and shared by every node", async () => {
    const first = await sharedVapidKeys(testDb.db, testDb.dataDir);
    expect(Buffer.from(first.publicKey, "base64url")).toHaveLength(65);
    expect(Buffer.from(first.privateKey, "base64url")).toHaveLength(32);
    const other = fs.mkdtempSync(path.join(testDb.dataDir, "node-b-"));
    expect(await sharedVapidKeys(await node(), other)).toEqual(first);
  });

  it("an existing data folder's keys move into the database, so push subscriptions keep working", async () => {
    const keys = {
      publicKey: Buffer.alloc(65, 4).toString("base64url"),
      privateKey: Buffer.alloc(32, 7).toString("base64url"),
    };
    writeLegacy("vapid.json", JSON.stringify(keys));
    expect(await sharedVapidKeys(testDb.db, testDb.dataDir)).toEqual(keys);
    expect(await sharedVapidKeys(await node(), fs.mkdtempSync(path.join(testDb.dataDir, "b-")))).toEqual(keys);
  });

  it("refuse to start from a damaged key file rather than silently break every subscription", async () => {
    writeLegacy("vapid.json", "{}");
    await expect(sharedVapidKeys(testDb.db, testDb.dataDir)).rejects.toThrow(/vapid\.json is damaged/);
    expect(await testDb.db.serverSecret.count()).toBe(0);
  });

  it("refuse to start from damaged keys in the database", async () => {
    await testDb.db.serverSecret.create({ data: { key: "vapid-keys", value: "not json" } });
    await expect(sharedVapidKeys(testDb.db, testDb.dataDir)).rejects.toThrow(/"vapid-keys" is damaged/);
  });
});
