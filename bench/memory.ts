import type { Client } from "./clients.ts";
import { closeAll, connectMany } from "./clients.ts";
import type { RunningServer } from "./server-runner.ts";
import { sleep, slope } from "./stats.ts";

export interface MemoryPoint {
  sockets: number;
  /** What the server itself counts (engine.io clients), to confirm the sockets are there. */
  serverCount: number | null;
  heapUsed: number;
  rss: number;
  external: number;
  connectSeconds: number;
}

export interface MemoryResult {
  points: MemoryPoint[];
  heapBytesPerConnection: number;
  rssBytesPerConnection: number;
  externalBytesPerConnection: number;
  handshakesPerSecond: number;
  gcExposed: boolean;
}

/**
 * Adds idle sockets (authenticated with `cookies`, joined to the room like an open
 * tab) in steps up to `max`, sampling the server's heap and RSS after a full GC at
 * each step. The slopes are the bytes each connection costs.
 */
export async function measureMemory(
  server: RunningServer,
  o: { cookies: string[]; roomId: string; max: number; step: number; log: (line: string) => void },
): Promise<MemoryResult> {
  const clients: Client[] = [];
  const points: MemoryPoint[] = [];
  let gcExposed = false;
  let connectTime = 0;
  try {
    for (let target = 0; target <= o.max; target += o.step) {
      const t0 = performance.now();
      const added = await connectMany(server, target - clients.length, { cookies: o.cookies, roomId: o.roomId, offset: clients.length });
      const connectSeconds = (performance.now() - t0) / 1000;
      connectTime += connectSeconds;
      clients.push(...added);
      await sleep(300);
      const sample = await server.memory();
      gcExposed = sample.gcExposed;
      points.push({
        sockets: clients.length,
        serverCount: sample.connections,
        heapUsed: sample.heapUsed,
        rss: sample.rss,
        external: sample.external,
        connectSeconds: Math.round(connectSeconds * 100) / 100,
      });
      o.log(
        `  ${clients.length} sockets (server counts ${sample.connections}): heap ${(sample.heapUsed / 2 ** 20).toFixed(1)} MiB, rss ${(sample.rss / 2 ** 20).toFixed(1)} MiB`,
      );
    }
  } finally {
    closeAll(clients);
  }
  const xs = points.map((p) => p.sockets);
  return {
    points,
    heapBytesPerConnection: Math.round(
      slope(
        xs,
        points.map((p) => p.heapUsed),
      ),
    ),
    rssBytesPerConnection: Math.round(
      slope(
        xs,
        points.map((p) => p.rss),
      ),
    ),
    externalBytesPerConnection: Math.round(
      slope(
        xs,
        points.map((p) => p.external),
      ),
    ),
    handshakesPerSecond: connectTime > 0 ? Math.round(clients.length / connectTime) : 0,
    gcExposed,
  };
}
