import "server-only";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import Database from "better-sqlite3";
import { PrismaClient } from "@/lib/generated/prisma/client";
import type { DbProvider } from "./url";
import { isSqliteUrl, providerOfUrl, sqlitePath } from "./url";

export { isSqliteUrl, sqlitePath, type DbProvider };

/**
 * One type for every provider. The PostgreSQL client is generated from the same
 * models (prisma/postgresql/schema.prisma), so its model API is the same; its
 * TypeScript type differs only in provider extras the services never use (isolation
 * levels, `mode: "insensitive"`), hence the one cast in openPostgres.
 */
export type Db = PrismaClient;

const providers = new WeakMap<Db, DbProvider>();

/** Which database a client talks to: for the few places where the SQL differs. */
export function providerOf(db: Db): DbProvider {
  return providers.get(db) ?? "sqlite";
}

/**
 * PostgreSQL pool settings. pg's defaults (set here explicitly instead) would wait for
 * a free connection forever, which under load turns a slow database into a hung node.
 */
export interface PoolOptions {
  /** Connections per node (PostgreSQL's own limit is shared by every node). */
  max: number;
  /** Wait for a free or new connection before the query fails. */
  acquireTimeoutMs: number;
  /** Close a connection unused for this long. */
  idleTimeoutMs: number;
}

export const DEFAULT_POOL: PoolOptions = { max: 10, acquireTimeoutMs: 10_000, idleTimeoutMs: 30_000 };

/**
 * Opens the database.
 *
 * SQLite: WAL lets readers run beside the writer; synchronous=FULL makes a commit
 * survive power loss, which is what an ack to the sender promises. Group commit
 * (lib/server/services/message-writer.ts) pays that fsync once per batch.
 *
 * PostgreSQL (`postgresql://` or `postgres://`): through @prisma/adapter-pg and a pg
 * pool; its client is loaded only then, so the embedded default loads nothing extra.
 */
export async function openDb(databaseUrl: string, pool: Partial<PoolOptions> = {}): Promise<Db> {
  if (!isSqliteUrl(databaseUrl)) return openPostgres(databaseUrl, { ...DEFAULT_POOL, ...pool });
  const adapter = new PrismaBetterSqlite3({ url: sqlitePath(databaseUrl) });
  const db = new PrismaClient({ adapter });
  await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await db.$executeRawUnsafe("PRAGMA synchronous = FULL");
  await db.$executeRawUnsafe("PRAGMA foreign_keys = ON");
  await db.$executeRawUnsafe("PRAGMA busy_timeout = 5000");
  providers.set(db, "sqlite");
  return db;
}

async function openPostgres(databaseUrl: string, pool: PoolOptions): Promise<Db> {
  const [{ PrismaPg }, { PrismaClient: PostgresClient }] = await Promise.all([
    import("@prisma/adapter-pg"),
    import("@/lib/generated/prisma-postgresql/client"),
  ]);
  const adapter = new PrismaPg({
    connectionString: databaseUrl,
    max: pool.max,
    connectionTimeoutMillis: pool.acquireTimeoutMs,
    idleTimeoutMillis: pool.idleTimeoutMs,
    application_name: "parley",
  });
  const db = new PostgresClient({ adapter }) as unknown as Db;
  // Fail at start, with the server's own message, rather than on the first request.
  await db.$queryRawUnsafe("SELECT 1");
  providers.set(db, "postgresql");
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
  if (providerOfUrl(databaseUrl) !== "sqlite") return null;
  const connection = new Database(sqlitePath(databaseUrl));
  connection.pragma("journal_mode = WAL");
  connection.pragma("synchronous = FULL");
  connection.pragma("foreign_keys = ON");
  connection.pragma("busy_timeout = 0");
  return connection;
}
