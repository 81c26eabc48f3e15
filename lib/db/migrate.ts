/**
 * Applies pending Prisma migrations at start-up, in-process (`prisma migrate
 * deploy` semantics), so a fresh machine needs no CLI step and no network: see
 * ./schema-engine.ts for why the engine runs as WebAssembly.
 *
 * Kept free of Next and socket imports: server.ts (tsx), scripts and Vitest
 * all load it directly.
 */
import { mkdir, readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { MigrationList, SchemaFilter } from "@prisma/schema-engine-wasm";
import Database from "better-sqlite3";
import { isSqliteUrl, sqlitePath } from "./client";
import { createSchemaEngine } from "./schema-engine";

export const NO_FILTERS: SchemaFilter = { externalTables: [], externalEnums: [] };

/**
 * Reads a migrations folder the way the Prisma CLI does: one sub-directory per
 * migration, applied in name order, each holding `migration.sql`, plus
 * `migration_lock.toml` beside them.
 */
export async function readMigrationsList(migrationsDir: string): Promise<MigrationList> {
  const baseDir = path.resolve(migrationsDir);
  const entries = await readdir(baseDir, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return [];
    throw error;
  });
  const names = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  const lockPath = path.join(baseDir, "migration_lock.toml");

  return {
    baseDir,
    lockfile: {
      path: "migration_lock.toml",
      content: await readFile(lockPath, "utf8").catch(() => null),
    },
    shadowDbInitScript: "",
    migrationDirectories: await Promise.all(
      names.map(async (name) => ({
        path: name,
        migrationFile: {
          path: "migration.sql",
          content: await readFile(path.join(baseDir, name, "migration.sql"), "utf8").then(
            (value) => ({ tag: "ok" as const, value }),
            (error: Error) => ({ tag: "error" as const, value: error.message }),
          ),
        },
      })),
    ),
  };
}

/** The engine appends a Rust span trace ("   0: sql_schema_connector::…"); keep the human part. */
function withoutTrace(message: string): string {
  return message.split(/\n\s+0: /)[0]!.trim();
}

/**
 * The engine's message names the failing migration only for some errors, but
 * it always records the attempt in `_prisma_migrations` (unfinished, not
 * rolled back), so read the name from there.
 */
function unfinishedMigration(file: string): string | undefined {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const row = db
      .prepare(
        `SELECT migration_name FROM _prisma_migrations
         WHERE finished_at IS NULL AND rolled_back_at IS NULL
         ORDER BY started_at DESC LIMIT 1`,
      )
      .get() as { migration_name: string } | undefined;
    return row?.migration_name;
  } catch {
    return undefined; // no table yet: the failure came before any migration ran
  } finally {
    db?.close();
  }
}

/**
 * Applies every migration in `migrationsDir` not yet recorded in the
 * database's `_prisma_migrations` table, creating the SQLite file (and its
 * directory) if missing. Returns the names applied; empty when up to date.
 * The engine's connections are closed before this resolves, so the caller can
 * open its own client on the same file.
 */
/** SQLite's "database is locked", as the wasm schema engine reports it after its busy timeout. */
const isBusy = (detail: string) => /SocketTimeout|database is locked|SQLITE_BUSY/i.test(detail);

export async function applyMigrations(
  databaseUrl: string,
  migrationsDir = path.resolve("prisma/migrations"),
): Promise<{ applied: string[] }> {
  if (!isSqliteUrl(databaseUrl)) {
    throw new Error("applyMigrations: only SQLite database URLs are supported so far");
  }
  const file = path.resolve(sqlitePath(databaseUrl));
  await mkdir(path.dirname(file), { recursive: true });
  const migrationsList = await readMigrationsList(migrationsDir);
  if (migrationsList.migrationDirectories.length === 0) {
    throw new Error(`applyMigrations: no migrations found in ${migrationsList.baseDir}`);
  }

  const session = await createSchemaEngine(`file:${file}`);
  try {
    const { appliedMigrationNames } = await session.engine.applyMigrations({
      migrationsList,
      filters: NO_FILTERS,
    });
    return { applied: appliedMigrationNames };
  } catch (error) {
    const detail = withoutTrace(session.errorMessage(error));
    await session.close();
    const failed = unfinishedMigration(file);
    // SQLite migrations are not transactional: statements before the failing
    // one stay applied, and Prisma refuses to go on until the row is resolved.
    if (isBusy(detail)) {
      throw new Error(
        `The database ${file} is busy: another program holds it (is another Parley running with the same DATA_DIR?). ` +
          `Stop it, or give this one its own DATA_DIR, and start again.`,
        { cause: error },
      );
    }
    throw new Error(
      failed
        ? `Migration ${failed} failed on ${file}: ${detail}\n` +
            `Fix the database and the migration, then delete its row from _prisma_migrations ` +
            `(or run \`prisma migrate resolve --rolled-back ${failed}\`) and restart.`
        : `Migrating ${file} failed: ${detail}`,
      { cause: error },
    );
  } finally {
    await session.close();
  }
}
