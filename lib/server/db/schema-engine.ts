import "server-only";
/**
 * Prisma's schema engine (the thing behind `prisma migrate`), run in-process as
 * WebAssembly.
 *
 * Why: the Prisma CLI downloads a native schema-engine binary on first use, and
 * that download is not possible on an offline machine (it fails silently at
 * install). The official `@prisma/schema-engine-wasm` build ships inside
 * node_modules and talks to the database through a Prisma driver adapter, so
 * migrations work wherever `npm install` worked. It still reads and writes
 * Prisma's own `_prisma_migrations` table, so the stock CLI stays compatible.
 */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
// Only the wasm-bindgen glue is imported: the package's main entry does
// `import * as wasm from "./x.wasm"`, which Node 20 cannot load.
import * as glue from "@prisma/schema-engine-wasm/schema_engine_bg";
import type { SchemaEngine } from "@prisma/schema-engine-wasm";
import pg from "pg";
import { databaseOf, providerOfUrl, withDatabase } from "./url";

export type { SchemaEngine };

let ready: Promise<void> | undefined;

/** Compiles and starts the wasm module once per process (~5 MB, so worth caching). */
function loadWasm(): Promise<void> {
  ready ??= (async () => {
    const require = createRequire(import.meta.url);
    const gluePath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const bytes = await readFile(path.join(path.dirname(gluePath), "schema_engine_bg.wasm"));
    // The module's only import namespace is the glue file itself.
    const { instance } = await WebAssembly.instantiate(bytes, {
      "./schema_engine_bg.js": glue as unknown as WebAssembly.ModuleImports,
    });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
  })().catch((error: unknown) => {
    ready = undefined; // let a later call retry
    throw error;
  });
  return ready;
}

/**
 * The engine replays migration history on the shadow DB by sending each whole
 * migration.sql to `executeRaw`; better-sqlite3 prepares one statement at a
 * time and rejects that. Parameterless SQL is exactly what `executeScript`
 * (better-sqlite3's `exec`) is for, so route it there.
 */
function routeScripts(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const executeRaw = adapter.executeRaw.bind(adapter);
  adapter.executeRaw = async (query) => {
    if (query.args.length > 0) return executeRaw(query);
    await adapter.executeScript(query.sql);
    return 0;
  };
  return adapter;
}

export interface EngineSession {
  engine: SchemaEngine;
  /**
   * Readable text for an engine rejection. Errors thrown inside the adapter
   * reach the engine only as "External error id#N"; this swaps the original back in.
   */
  errorMessage(error: unknown): string;
  /** Frees the engine and closes every connection it opened (dropping a shadow database). Safe to call twice. */
  close(): Promise<void>;
}

/**
 * The engine's catalog queries return columns of type "char" (OID 18) and "char"[]
 * (1002); adapter-pg 7.10 rejects the first as an unsupported type and hands the
 * second over as a character array the engine does not expect. Both are plain text to
 * the engine, so they are relabelled text (25) and text[] (1009) before the adapter
 * reads the column types. Only the engine's connections use this client.
 */
const RELABEL: Record<number, number> = { 18: 25, 1002: 1009 };

type Fields = { fields?: { dataTypeID: number }[] } | undefined;
function relabel<T>(result: T): T {
  for (const field of (result as Fields)?.fields ?? []) field.dataTypeID = RELABEL[field.dataTypeID] ?? field.dataTypeID;
  return result;
}

class CatalogClient extends pg.Client {
  // pg's overloads (callback, promise, submittable) all pass through here.
  override query(...args: unknown[]): never {
    const last = args.at(-1);
    if (typeof last === "function") {
      const callback = last as (error: unknown, result: unknown) => void;
      args[args.length - 1] = (error: unknown, result: unknown) => callback(error, error ? result : relabel(result));
    }
    const out = (super.query as (...a: unknown[]) => unknown)(...args);
    return (out instanceof Promise ? out.then(relabel) : out) as never;
  }
}

/**
 * PostgreSQL: the engine's own connections, plus a shadow database that this module
 * creates and drops itself. adapter-pg's connectToShadowDb keeps a connection string
 * that overrides the shadow database's name (so the "shadow" is the main database) and
 * drops it while its pool is still connected; here the shadow gets its own URL and is
 * dropped WITH (FORCE) after its pool has ended.
 */
function postgresFactory(databaseUrl: string, track: (adapter: SqlDriverAdapter) => SqlDriverAdapter): SqlMigrationAwareDriverAdapterFactory {
  // One connection per database: the engine takes Prisma's own session advisory lock on
  // whichever pooled connection runs that statement, so keep it the only one.
  const engineConfig = (url: string): pg.PoolConfig => ({
    connectionString: url,
    Client: CatalogClient,
    max: 1,
    connectionTimeoutMillis: 10_000,
    idleTimeoutMillis: 60_000,
  });
  const base = new PrismaPg(engineConfig(databaseUrl));
  return {
    provider: base.provider,
    adapterName: base.adapterName,
    connect: async () => track(await base.connect()),
    connectToShadowDb: async () => {
      const name = `prisma_shadow_${databaseOf(databaseUrl).slice(0, 20)}_${process.pid}_${Date.now().toString(36)}`.replace(/[^a-z0-9_]/gi, "_");
      const admin = new pg.Client({ connectionString: databaseUrl });
      await admin.connect();
      try {
        await admin.query(`CREATE DATABASE "${name}"`);
      } finally {
        await admin.end();
      }
      const shadow = await new PrismaPg(engineConfig(withDatabase(databaseUrl, name))).connect();
      const dispose = shadow.dispose.bind(shadow);
      shadow.dispose = async () => {
        await dispose();
        const dropper = new pg.Client({ connectionString: databaseUrl });
        await dropper.connect();
        try {
          await dropper.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        } finally {
          await dropper.end();
        }
      };
      return track(shadow);
    },
  };
}

function sqliteFactory(databaseUrl: string, track: (adapter: SqlDriverAdapter) => SqlDriverAdapter): SqlMigrationAwareDriverAdapterFactory {
  const base = new PrismaBetterSqlite3({ url: databaseUrl });
  const routed = (adapter: SqlDriverAdapter) => track(routeScripts(adapter));
  return {
    provider: base.provider,
    adapterName: base.adapterName,
    connect: async () => routed(await base.connect()),
    connectToShadowDb: async () => routed(await base.connectToShadowDb()),
  };
}

/**
 * Creates a schema engine bound to a database: SQLite (`file:/abs/path.db` or
 * `:memory:`, shadow database in memory) or PostgreSQL (`postgresql://…`, shadow
 * database created beside it on the same server when the engine needs one).
 *
 * Connections are tracked here because `engine.free()` leaves them (and the
 * file handles) open, and the app opens its own client on the same file right after.
 */
export async function createSchemaEngine(databaseUrl: string, options: { log?: (message: string) => void } = {}): Promise<EngineSession> {
  await loadWasm();

  const opened: SqlDriverAdapter[] = [];
  const track = (adapter: SqlDriverAdapter) => {
    opened.push(adapter);
    return adapter;
  };
  const factory = providerOfUrl(databaseUrl) === "postgresql" ? postgresFactory(databaseUrl, track) : sqliteFactory(databaseUrl, track);

  const bound = bindMigrationAwareSqlAdapterFactory(factory);
  const engine = await glue.SchemaEngine.new({ datamodels: undefined }, (message: string) => options.log?.(message), bound);

  let closed = false;
  return {
    engine,
    errorMessage: (error) =>
      messageOf(error).replace(/External error id#(\d+)/g, (text, id: string) => {
        const record = bound.errorRegistry.consumeError(Number(id));
        return record ? messageOf(record.error) : text;
      }),
    async close() {
      if (closed) return;
      closed = true;
      engine.free();
      for (const adapter of opened.splice(0)) {
        await adapter.dispose().catch(() => {}); // already closed is fine
      }
    },
  };
}

function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (error && typeof error === "object" && "message" in error) return String(error.message);
  return String(error);
}
