import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import Database from "better-sqlite3";
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

/**
 * The message writer's own connection to the SQLite file (null for other databases).
 * Its one INSERT per batch runs synchronously on a cached prepared statement: no
 * query planning and no promise hops between the message and its commit, which under
 * fan-out load were most of the time to the ack. busy_timeout 0: it must never wait
 * for a lock on the event loop; if the file is busy the writer goes through Prisma.
 */
export function openWriterConnection(databaseUrl: string): Database.Database | null {
  if (!isSqliteUrl(databaseUrl)) return null;
  const connection = new Database(sqlitePath(databaseUrl));
  connection.pragma("journal_mode = WAL");
  connection.pragma("synchronous = FULL");
  connection.pragma("foreign_keys = ON");
  connection.pragma("busy_timeout = 0");
  return connection;
}
