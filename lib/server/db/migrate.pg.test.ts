import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPostgresDatabase, postgresReachable } from "@/tests/test-database";
import { openDb } from "./client";
import { applyMigrations, MIGRATION_LOCK } from "./migrate";
import { migrationsDirFor } from "./url";

const MIGRATIONS = migrationsDirFor("postgresql", path.resolve(import.meta.dirname, "../../.."));

let reachable = false;
const drops: (() => Promise<void>)[] = [];
beforeAll(async () => {
  reachable = await postgresReachable();
});
afterAll(async () => {
  for (const drop of drops) await drop();
});

async function freshDatabase() {
  const created = await createPostgresDatabase();
  drops.push(created.drop);
  return created.url;
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe("applyMigrations on PostgreSQL", () => {
  it("three nodes starting at once on a fresh database: all succeed, each migration applied once", async (ctx) => {
    if (!reachable) return ctx.skip();
    const url = await freshDatabase();

    const results = await Promise.all([1, 2, 3].map(() => applyMigrations(url, MIGRATIONS)));

    const rows = await query<{ migration_name: string; finished_at: Date | null }>(
      url,
      "SELECT migration_name, finished_at FROM _prisma_migrations ORDER BY migration_name",
    );
    const all = results.flatMap((r) => r.applied);
    // Exactly one node applied each migration; the others found nothing pending.
    expect(all.sort()).toEqual(rows.map((r) => r.migration_name));
    expect(new Set(all).size).toBe(all.length);
    expect(results.filter((r) => r.applied.length > 0)).toHaveLength(1);
    for (const row of rows) expect(row.finished_at).not.toBeNull();

    const db = await openDb(url);
    try {
      const user = await db.user.create({ data: { username: "ada", displayName: "Ada", passwordHash: "x" } });
      expect(await db.user.findUnique({ where: { username: "ada" } })).toMatchObject({ id: user.id, role: "user" });
    } finally {
      await db.$disconnect();
    }
    expect((await applyMigrations(url, MIGRATIONS)).applied).toEqual([]);
  });

  it("a node waits while another holds the migration lock, then applies", async (ctx) => {
    if (!reachable) return ctx.skip();
    const url = await freshDatabase();
    const otherNode = new pg.Client({ connectionString: url });
    await otherNode.connect();
    try {
      await otherNode.query("SELECT pg_advisory_lock($1, $2)", [...MIGRATION_LOCK]);
      let settled = false;
      const starting = applyMigrations(url, MIGRATIONS).finally(() => (settled = true));
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(settled).toBe(false);
      expect((await otherNode.query("SELECT to_regclass('_prisma_migrations') AS t")).rows[0].t).toBeNull();

      await otherNode.query("SELECT pg_advisory_unlock($1, $2)", [...MIGRATION_LOCK]);
      expect((await starting).applied.length).toBeGreaterThan(0);
    } finally {
      await otherNode.end();
    }
  });

  it("names the failed migration and keeps refusing until it is resolved", async (ctx) => {
    if (!reachable) return ctx.skip();
    const dir = mkdtempSync(path.join(tmpdir(), "parley-pg-migrate-"));
    try {
      const migrations = path.join(dir, "migrations");
      cpSync(MIGRATIONS, migrations, { recursive: true });
      const broken = "29991231235959_broken";
      mkdirSync(path.join(migrations, broken));
      writeFileSync(path.join(migrations, broken, "migration.sql"), 'CREATE TABLE "Oops" (;\n');
      const url = await freshDatabase();

      await expect(applyMigrations(url, migrations)).rejects.toThrow(new RegExp(`Migration ${broken} failed.*syntax error`, "s"));
      await expect(applyMigrations(url, migrations)).rejects.toThrow(broken);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
