import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, expect, it } from "vitest";
import { applyMigrations } from "./migrate";

const MIGRATIONS = path.resolve(import.meta.dirname, "../../../prisma/migrations");
const dir = mkdtempSync(path.join(tmpdir(), "parley-upgrade-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * SQLite cannot add most constraints in place, so Prisma rebuilds a table
 * (CREATE new_X, copy, DROP X, rename) — with foreign keys on, that DROP would
 * cascade and delete every message. This upgrades a database holding data made
 * by the first migration through every later one and checks nothing was lost.
 */
it("upgrading from the first migration keeps users, rooms and messages", async () => {
  const [first] = readdirSync(MIGRATIONS, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  const initial = path.join(dir, "initial");
  mkdirSync(initial);
  cpSync(path.join(MIGRATIONS, first!), path.join(initial, first!), { recursive: true });
  cpSync(path.join(MIGRATIONS, "migration_lock.toml"), path.join(initial, "migration_lock.toml"));

  const file = path.join(dir, "parley.db");
  await applyMigrations(`file:${file}`, initial);
  const seed = new Database(file);
  seed.exec(`
    INSERT INTO "User" (id, username, displayName, passwordHash) VALUES ('u1', 'ada', 'Ada', 'hash');
    INSERT INTO "Room" (id, name, ownerId) VALUES ('r1', 'general', 'u1');
    INSERT INTO "Message" (roomId, authorId, body, clientId) VALUES ('r1', 'u1', 'hello', 'client-1');
  `);
  seed.close();

  const { applied } = await applyMigrations(`file:${file}`, MIGRATIONS);
  expect(applied.length).toBeGreaterThan(0);

  const db = new Database(file, { readonly: true });
  try {
    expect(db.prepare(`SELECT username, displayName, passwordHash FROM "User"`).all()).toEqual([{ username: "ada", displayName: "Ada", passwordHash: "hash" }]);
    expect(db.prepare(`SELECT name, ownerId FROM "Room" WHERE id = 'r1'`).get()).toEqual({ name: "general", ownerId: "u1" });
    expect(db.prepare(`SELECT body, authorId FROM "Message"`).all()).toEqual([{ body: "hello", authorId: "u1" }]);
    expect(db.prepare("PRAGMA foreign_key_check").all()).toEqual([]);
  } finally {
    db.close();
  }
});
