import "server-only";
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
import pg from "pg";
import { LOCK_NAMESPACE } from "./locks";
import { createSchemaEngine } from "./schema-engine";
import type { DbProvider } from "./url";
import { databaseOf, migrationsDirFor, providerOfUrl, sqlitePath } from "./url";

export const NO_FILTERS: SchemaFilter = { externalTables: [], externalEnums: [] };

/**
 * Tables the migrations create but schema.prisma cannot describe: SQLite's FTS5 index
 * of message bodies and its shadow tables (prisma/migrations/*_message_search). Without
 * this the engine would see them as drift and a diff would drop them.
 */
export const SCHEMA_FILTERS: Record<DbProvider, SchemaFilter> = {
  sqlite: {
    externalTables: ["MessageFts", "MessageFts_data", "MessageFts_idx", "MessageFts_docsize", "MessageFts_config"],
    externalEnums: [],
  },
  // PostgreSQL's search index is on "Message" itself, and the diff leaves expression indexes alone.
  postgresql: NO_FILTERS,
};

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

export async function applyMigrations(databaseUrl: string, migrationsDir = migrationsDirFor(providerOfUrl(databaseUrl))): Promise<{ applied: string[] }> {
  if (providerOfUrl(databaseUrl) === "postgresql") return applyPostgresMigrations(databaseUrl, migrationsDir);
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
      filters: SCHEMA_FILTERS.sqlite,
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
    throw migrationFailure(file, failed, detail, error);
  } finally {
    await session.close();
  }
}

/** What to do about a failed migration, the same on both providers: it blocks later runs until resolved. */
function migrationFailure(where: string, failed: string | undefined, detail: string, cause: unknown): Error {
  return new Error(
    failed
      ? `Migration ${failed} failed on ${where}: ${detail}\n` +
          `Fix the database and the migration, then delete its row from _prisma_migrations ` +
          `(or run \`prisma migrate resolve --rolled-back ${failed}\`) and restart.`
      : `Migrating ${where} failed: ${detail}`,
    { cause },
  );
}

/**
 * Any two-int key works as long as every Parley node uses the same one; this one is
 * not Prisma's own (72707369), so a stock `prisma migrate deploy` run beside a node
 * waits on Prisma's lock, not ours.
 */
export const MIGRATION_LOCK = [LOCK_NAMESPACE.migrations, 1] as const;

/** How long a starting node waits for another node's migrations before giving up. */
const MIGRATION_LOCK_TIMEOUT_MS = 5 * 60_000;

/**
 * PostgreSQL: every node applies migrations at start, so several may start at once.
 * A session advisory lock on a connection of its own makes them take turns: the first
 * applies, the others then find nothing pending. A node that dies mid-migration loses
 * its session and with it the lock. As on SQLite, a migration's statements are not one
 * transaction (adapter-pg runs a script statement by statement): a failed migration stays
 * recorded as failed and blocks later runs until resolved.
 */
async function applyPostgresMigrations(databaseUrl: string, migrationsDir: string): Promise<{ applied: string[] }> {
  const database = databaseOf(databaseUrl);
  const migrationsList = await readMigrationsList(migrationsDir);
  if (migrationsList.migrationDirectories.length === 0) {
    throw new Error(`applyMigrations: no migrations found in ${migrationsList.baseDir}`);
  }
  const lock = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 10_000, application_name: "parley-migrate" });
  try {
    await lock.connect();
  } catch (error) {
    throw new Error(`Cannot reach the PostgreSQL database ${database}: ${(error as Error).message}`, { cause: error });
  }
  try {
    await lock.query(`SET lock_timeout = ${MIGRATION_LOCK_TIMEOUT_MS}`);
    await lock.query("SELECT pg_advisory_lock($1, $2)", [...MIGRATION_LOCK]).catch((error: Error) => {
      throw new Error(
        `Waited ${MIGRATION_LOCK_TIMEOUT_MS / 1000} s for another Parley node to finish migrating ${database} (${error.message}); is one stuck?`,
        { cause: error },
      );
    });
    const session = await createSchemaEngine(databaseUrl);
    try {
      const { appliedMigrationNames } = await session.engine.applyMigrations({ migrationsList, filters: SCHEMA_FILTERS.postgresql });
      return { applied: appliedMigrationNames };
    } catch (error) {
      const detail = withoutTrace(session.errorMessage(error));
      const failed = await lock
        .query<{ migration_name: string }>(
          `SELECT migration_name FROM _prisma_migrations
           WHERE finished_at IS NULL AND rolled_back_at IS NULL
           ORDER BY started_at DESC LIMIT 1`,
        )
        .then((result) => result.rows[0]?.migration_name)
        .catch(() => undefined);
      throw migrationFailure(database, failed, detail, error);
    } finally {
      await session.close();
    }
  } finally {
    // Ending the session releases the advisory lock.
    await lock.end().catch(() => undefined);
  }
}
