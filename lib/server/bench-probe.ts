import "server-only";
import { env } from "@/lib/server/env";

/**
 * Lets `npm run bench` (bench/server-runner.ts) read this server's memory after a
 * full GC, over the IPC channel it started the server with. Inert unless the
 * process has a parent listening (`process.send`) and PARLEY_BENCH_PROBE=1, so a
 * normal start never answers anything. gc() exists only under --expose-gc.
 */
export function installBenchProbe(io?: { engine: { clientsCount: number } }): void {
  if (!env.PARLEY_BENCH_PROBE || typeof process.send !== "function") return;
  // The bench went away (Ctrl+C, crash): a server with nobody to report to and its
  // output pipe closed has no reason to live on.
  process.once("disconnect", () => process.exit(0));
  process.on("message", (message: unknown) => {
    if ((message as { type?: unknown } | null)?.type !== "memory") return;
    const gc = (globalThis as { gc?: () => void }).gc;
    // Twice: the first pass can leave objects only the second finds unreachable.
    gc?.();
    gc?.();
    const { heapUsed, heapTotal, rss, external, arrayBuffers } = process.memoryUsage();
    process.send?.({
      type: "memory",
      gcExposed: gc !== undefined,
      connections: io?.engine.clientsCount ?? null,
      heapUsed,
      heapTotal,
      rss,
      external,
      arrayBuffers,
    });
  });
}
