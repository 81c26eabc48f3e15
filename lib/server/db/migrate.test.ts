import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb } from "./client";
import { applyMigrations } from "./migrate";

const MIGRATIONS = path.resolve(import.meta.dirname, "../../../prisma/migrations");

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "parley-migrate-"));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function query<T>(file: string, sql: string): T[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(sql).all() as T[];
  } finally {
    db.close();
  }
}

describe("applyMigrations", () => {
  it("creates the file and its directory, applies every migration once, and leaves a usable database", async () => {
    const file = path.join(dir, "nested", "data", "parley.db");
    const url = `file:${file}`;

    const first = await applyMigrations(url, MIGRATIONS);
    expect(existsSync(file)).toBe(true);
    expect(first.applied.length).toBeGreaterThan(0);
    expect(first.applied[0]).toMatch(/^\d{14}_init$/);

    const tables = query<{ name: string }>(file, "SELECT name FROM sqlite_master WHERE type = 'table'").map((r) => r.name);
    expect(tables).toEqual(expect.arrayContaining(["User", "Room", "Message", "_prisma_migrations"]));

    const rows = query<{ migration_name: string; finished_at: string | null; applied_steps_count: number }>(
      file,
      "SELECT migration_name, finished_at, applied_steps_count FROM _prisma_migrations ORDER BY migration_name",
    );
    expect(rows.map((r) => r.migration_name)).toEqual(first.applied);
    for (const row of rows) expect(row.finished_at).not.toBeNull();

    const second = await applyMigrations(url, MIGRATIONS);
    expect(second.applied).toEqual([]);
    expect(query(file, "SELECT * FROM _prisma_migrations")).toHaveLength(rows.length);

    // The engine's connections are closed: the app's own client can open the file and write.
    const db = await openDb(url);
    try {
      const created = await db.user.create({
        data: { username: "ada", displayName: "Ada", passwordHash: "x" },
      });
      const found = await db.user.findUnique({ where: { username: "ada" } });
      expect(found).toMatchObject({ id: created.id, displayName: "Ada", role: "user" });
    } finally {
      await db.$disconnect();
    }
  });

  it("rejects with an error naming the migration that failed, and keeps refusing until it is resolved", async () => {
    const migrations = path.join(dir, "broken-migrations");
    cpSync(MIGRATIONS, migrations, { recursive: true });
    const broken = "29991231235959_broken";
    mkdirSync(path.join(migrations, broken));
    writeFileSync(path.join(migrations, broken, "migration.sql"), 'CREATE TABLE "Oops" (;\n');
    const url = `file:${path.join(dir, "broken.db")}`;

    await expect(applyMigrations(url, migrations)).rejects.toThrow(new RegExp(`Migration ${broken} failed.*syntax error`));
    // Prisma's deploy semantics: a failed migration blocks every later run.
    await expect(applyMigrations(url, migrations)).rejects.toThrow(broken);
  });

  it("says another program holds the database when it stays locked (two servers on one DATA_DIR)", async () => {
    const file = path.join(dir, "busy", "parley.db");
    await applyMigrations(`file:${file}`, MIGRATIONS);
    const holder = new Database(file);
    holder.exec("BEGIN EXCLUSIVE");
    try {
      await expect(applyMigrations(`file:${file}`, MIGRATIONS)).rejects.toThrow(
        /is busy: another program holds it \(is another Parley running with the same DATA_DIR\?\)/,
      );
    } finally {
      holder.exec("ROLLBACK");
      holder.close();
    }
  }, 20_000);

  it("refuses an empty or missing migrations folder rather than start on an empty database", async () => {
    await expect(applyMigrations(`file:${path.join(dir, "none.db")}`, path.join(dir, "nowhere"))).rejects.toThrow(/no migrations found/);
  });
});
