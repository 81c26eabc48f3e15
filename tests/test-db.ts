import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDb, type Db } from "@/lib/db/client";
import { applyMigrations } from "@/lib/db/migrate";

/**
 * A migrated SQLite file in a fresh temp data folder, for service tests that
 * need the real schema (cascades, unique keys) but no server.
 */
export async function createTestDb(): Promise<{ db: Db; dataDir: string; close: () => Promise<void> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "parley-svc-"));
  const url = `file:${path.join(dataDir, "parley.db")}`;
  await applyMigrations(url, path.resolve(import.meta.dirname, "../prisma/migrations"));
  const db = await openDb(url);
  return {
    db,
    dataDir,
    async close() {
      await db.$disconnect();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

let counter = 0;

/** Inserts a user directly: these tests are about profiles, not sign-up. */
export async function insertUser(db: Db, name = `user_${++counter}`) {
  return db.user.create({ data: { username: name, displayName: name.toUpperCase(), passwordHash: "x" } });
}
