import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bootstrap } from "@/lib/server/bootstrap";
import type { AppContext } from "@/lib/server/context";
import { createLogger } from "@/lib/server/logger";
import { createPostgresDatabase, postgresReachable } from "@/tests/test-database";

let reachable = false;
beforeAll(async () => {
  reachable = await postgresReachable();
});
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

describe("nodes starting at once on one PostgreSQL database", () => {
  it("all three start, share one #general and see each other's users", async (ctx) => {
    if (!reachable) return ctx.skip();
    const database = await createPostgresDatabase();
    cleanups.push(database.drop);
    // Nodes of one deployment share their secrets; each keeps its own data folder.
    const start = () =>
      bootstrap({
        dataDir: fs.mkdtempSync(path.join(os.tmpdir(), "parley-node-")),
        databaseUrl: database.url,
        authSecret: "node-secret-node-secret-node-secret-42",
        welcomeMessage: "hi",
        logger: createLogger("silent"),
      });
    const nodes: AppContext[] = await Promise.all([start(), start(), start()]);
    for (const node of nodes) {
      cleanups.push(async () => {
        node.writer.close();
        await node.db.$disconnect();
      });
    }

    expect(new Set(nodes.map((n) => n.defaultRoom.id)).size).toBe(1);
    const ada = await nodes[0]!.users.signUp({ username: "ada", displayName: "Ada", password: "password123" });
    expect(await nodes[2]!.users.findById(ada.id)).toMatchObject({ username: "ada" });
    expect(await nodes[1]!.db.room.count({ where: { name: "general" } })).toBe(1);
  });

  it("without AUTH_SECRET, nodes with separate data folders generate one auth secret and one set of VAPID keys", async (ctx) => {
    if (!reachable) return ctx.skip();
    const database = await createPostgresDatabase();
    cleanups.push(database.drop);
    const start = (authSecret?: string) =>
      bootstrap({
        dataDir: fs.mkdtempSync(path.join(os.tmpdir(), "parley-node-")),
        databaseUrl: database.url,
        authSecret,
        welcomeMessage: "hi",
        logger: createLogger("silent"),
      });
    const nodes: AppContext[] = await Promise.all([start(), start(), start(), start("an-operator-given-secret-of-32-chars-or-more")]);
    for (const node of nodes) {
      cleanups.push(async () => {
        node.writer.close();
        await node.db.$disconnect();
      });
    }
    const generated = nodes.slice(0, 3);
    expect(new Set(generated.map((n) => n.authSecret)).size).toBe(1);
    expect(generated[0]!.authSecret).toMatch(/^[\w-]{40,}$/);
    expect(new Set(nodes.map((n) => n.push.publicKey)).size).toBe(1);
    // AUTH_SECRET from the environment still wins over the shared one.
    expect(nodes[3]!.authSecret).toBe("an-operator-given-secret-of-32-chars-or-more");
  });
});
