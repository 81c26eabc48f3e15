import "server-only";
/**
 * Which database a DATABASE_URL names, and where its provider's files live.
 * Kept free of the generated clients: migrations and scripts import it before any
 * client is loaded.
 */
import path from "node:path";

export type DbProvider = "sqlite" | "postgresql";

export function providerOfUrl(databaseUrl: string): DbProvider {
  return /^postgres(ql)?:\/\//.test(databaseUrl) ? "postgresql" : "sqlite";
}

export function isSqliteUrl(databaseUrl: string): boolean {
  return providerOfUrl(databaseUrl) === "sqlite";
}

/** Accepts `file:` URLs or bare paths for SQLite. */
export function sqlitePath(databaseUrl: string): string {
  return databaseUrl.replace(/^file:/, "");
}

/** The same server and credentials, another database (test databases, the shadow DB). */
export function withDatabase(postgresUrl: string, database: string): string {
  const url = new URL(postgresUrl);
  url.pathname = `/${encodeURIComponent(database)}`;
  return url.toString();
}

/** The database a PostgreSQL URL names (`postgres` when it names none, as libpq does for user postgres). */
export function databaseOf(postgresUrl: string): string {
  const url = new URL(postgresUrl);
  return decodeURIComponent(url.pathname.replace(/^\//, "")) || decodeURIComponent(url.username) || "postgres";
}

/** One migrations folder per provider (each with its migration_lock.toml), relative to the working directory. */
export function migrationsDirFor(provider: DbProvider, root = process.cwd()): string {
  return provider === "postgresql" ? path.resolve(root, "prisma/postgresql/migrations") : path.resolve(root, "prisma/migrations");
}
