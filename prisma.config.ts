import path from "node:path";
import { defineConfig } from "prisma/config";

/**
 * Used by the Prisma CLI (generate). The app applies migrations itself at start
 * through the wasm schema engine (lib/server/db/migrate.ts), so no CLI step is needed at run time.
 */
export default defineConfig({
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
});
