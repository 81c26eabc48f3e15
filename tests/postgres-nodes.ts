import path from "node:path";
import type { Db } from "@/lib/server/db/client";
import { openDb } from "@/lib/server/db/client";
import { applyMigrations } from "@/lib/server/db/migrate";
import { migrationsDirFor } from "@/lib/server/db/url";
import { createPostgresDatabase } from "@/tests/test-database";

/**
 * One fresh, migrated PostgreSQL database and `count` clients on it, each with its
 * own pool: what several Parley nodes look like to the database.
 */
export async function postgresNodes(count: number): Promise<{ nodes: Db[]; close: () => Promise<void> }> {
  const { url, drop } = await createPostgresDatabase();
  await applyMigrations(url, migrationsDirFor("postgresql", path.resolve(import.meta.dirname, "..")));
  const nodes = await Promise.all(Array.from({ length: count }, () => openDb(url)));
  return {
    nodes,
    async close() {
      await Promise.all(nodes.map((db) => db.$disconnect()));
      await drop();
    },
  };
}
