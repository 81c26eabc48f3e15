import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "@/lib/generated/prisma/client";

export type Db = PrismaClient;

/** Accepts `file:` URLs or bare paths for SQLite. */
export function sqlitePath(databaseUrl: string): string {
  return databaseUrl.replace(/^file:/, "");
}

export function isSqliteUrl(databaseUrl: string): boolean {
  return !/^postgres(ql)?:\/\//.test(databaseUrl);
}

/**
 * Opens the database. WAL lets readers run beside the writer; synchronous=FULL
 * makes a commit survive power loss, which is what an ack to the sender promises.
 * Group commit (lib/services/message-writer.ts) pays that fsync once per batch.
 */
export async function openDb(databaseUrl: string): Promise<Db> {
  if (!isSqliteUrl(databaseUrl)) {
    throw new Error("PostgreSQL support arrives with the scale-out work; use a SQLite file URL for now.");
  }
  const adapter = new PrismaBetterSqlite3({ url: sqlitePath(databaseUrl) });
  const db = new PrismaClient({ adapter });
  await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await db.$executeRawUnsafe("PRAGMA synchronous = FULL");
  await db.$executeRawUnsafe("PRAGMA foreign_keys = ON");
  await db.$executeRawUnsafe("PRAGMA busy_timeout = 5000");
  return db;
}
