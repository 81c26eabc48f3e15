import { openDb } from "@/lib/server/db/client";
import { applyMigrations } from "@/lib/server/db/migrate";
import { searchSuite } from "@/tests/search-suite";
import { createPostgresDatabase, postgresReachable } from "@/tests/test-database";

searchSuite("PostgreSQL", async () => {
  if (!(await postgresReachable())) return null;
  const { url, drop } = await createPostgresDatabase();
  await applyMigrations(url);
  const db = await openDb(url);
  return {
    db,
    close: async () => {
      await db.$disconnect();
      await drop();
    },
  };
});
