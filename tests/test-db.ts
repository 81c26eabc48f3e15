import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Db } from "@/lib/server/db/client";
import { openDb } from "@/lib/server/db/client";
import { applyMigrations } from "@/lib/server/db/migrate";
import { migrationsDirFor, providerOfUrl } from "@/lib/server/db/url";
import { createTestDatabaseUrl } from "@/tests/test-database";

/**
 * A migrated database in a fresh temp data folder, for service tests that need the
 * real schema (cascades, unique keys) but no server: a SQLite file, or a fresh
 * PostgreSQL database with PARLEY_TEST_DATABASE_URL (tests/test-database.ts).
 */
export async function createTestDb(): Promise<{ db: Db; dataDir: string; url: string; close: () => Promise<void> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "parley-svc-"));
  const { url, drop } = await createTestDatabaseUrl(dataDir);
  await applyMigrations(url, migrationsDirFor(providerOfUrl(url), path.resolve(import.meta.dirname, "..")));
  const db = await openDb(url);
  return {
    db,
    dataDir,
    url,
    async close() {
      await db.$disconnect();
      await drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

let counter = 0;

/** Inserts a user directly: these tests are about profiles, not sign-up. */
export async function insertUser(db: Db, name = `user_${++counter}`) {
  return db.user.create({ data: { username: name, displayName: name.toUpperCase(), passwordHash: "x" } });
}
