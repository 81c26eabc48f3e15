import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/server/db/client";
import { openDb } from "@/lib/server/db/client";
import { applyMigrations } from "@/lib/server/db/migrate";
import { createSearchService } from "@/lib/server/services/search";
import { createPostgresDatabase, postgresReachable } from "@/tests/test-database";

/**
 * On PostgreSQL a search page runs without parallel workers: on 1,000,000 messages two
 * workers made a mid-frequency word slower (60 ms vs 40 ms), since the page is found by
 * walking the newest messages and stops after 21 (bench/search.ts).
 */
describe("message search on PostgreSQL", () => {
  let db: Db | null = null;
  let drop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    if (!(await postgresReachable())) return;
    const created = await createPostgresDatabase();
    drop = created.drop;
    await applyMigrations(created.url);
    db = await openDb(created.url);
  });
  afterAll(async () => {
    await db?.$disconnect();
    await drop?.();
  });

  it("runs the search statement with parallel workers off, in its own transaction", async (ctx) => {
    if (!db) return ctx.skip();
    const target = db;
    const statements: string[] = [];
    // Spied on the client itself: the service asks the client which database it talks to.
    for (const key of ["$executeRawUnsafe", "$queryRawUnsafe"] as const) {
      const original = target[key].bind(target) as (sql: string, ...params: unknown[]) => never;
      Object.defineProperty(target, key, {
        configurable: true,
        value: (sql: string, ...params: unknown[]) => {
          statements.push(sql.trim().split(/\s+/).slice(0, 4).join(" "));
          return original(sql, ...params);
        },
      });
    }
    const user = await target.user.create({ data: { username: "pat", displayName: "Pat", passwordHash: "x" } });
    await target.room.create({ data: { name: "lobby", members: { create: [{ userId: user.id }] } } });
    const room = await target.room.findUniqueOrThrow({ where: { name: "lobby" } });
    await target.message.create({ data: { roomId: room.id, authorId: user.id, body: "parallel plans", clientId: "c-parallel-1" } });
    const found = await createSearchService({ db: target }).search({ id: user.id, username: "pat", displayName: "Pat", role: "user" }, "parallel");
    expect(found.results.map((r) => r.message.body)).toEqual(["parallel plans"]);
    expect(statements).toEqual(["SET LOCAL max_parallel_workers_per_gather =", 'SELECT m."id", m."roomId", r."name"']);
  });
});
