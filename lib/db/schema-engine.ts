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
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
// Only the wasm-bindgen glue is imported: the package's main entry does
// `import * as wasm from "./x.wasm"`, which Node 20 cannot load.
import * as glue from "@prisma/schema-engine-wasm/schema_engine_bg";
import type { SchemaEngine } from "@prisma/schema-engine-wasm";

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
  /** Frees the engine and closes every SQLite connection it opened. Safe to call twice. */
  close(): Promise<void>;
}

/**
 * Creates a schema engine bound to a SQLite database (`file:/abs/path.db` or
 * `:memory:`). The shadow database, when the engine needs one (diffing from a
 * migrations folder), is an in-memory SQLite database.
 *
 * Connections are tracked here because `engine.free()` leaves them (and the
 * file handles) open, and the app opens its own client on the same file right after.
 */
export async function createSchemaEngine(
  databaseUrl: string,
  options: { log?: (message: string) => void } = {},
): Promise<EngineSession> {
  await loadWasm();

  const base = new PrismaBetterSqlite3({ url: databaseUrl });
  const opened: SqlDriverAdapter[] = [];
  const track = (adapter: SqlDriverAdapter) => {
    opened.push(adapter);
    return routeScripts(adapter);
  };
  const factory: SqlMigrationAwareDriverAdapterFactory = {
    provider: base.provider,
    adapterName: base.adapterName,
    connect: async () => track(await base.connect()),
    connectToShadowDb: async () => track(await base.connectToShadowDb()),
  };

  const bound = bindMigrationAwareSqlAdapterFactory(factory);
  const engine = await glue.SchemaEngine.new(
    { datamodels: undefined },
    (message: string) => options.log?.(message),
    bound,
  );

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
