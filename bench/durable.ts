import Database from "better-sqlite3";
import path from "node:path";
import type { Client } from "./clients.ts";
import { emitAck } from "./clients.ts";
import type { RunningServer } from "./server-runner.ts";
import type { LatencySummary } from "./stats.ts";
import { cpuMeter, latencyRecorder } from "./stats.ts";

export interface AckLatencyResult {
  rate: number;
  senders: number;
  sent: number;
  errors: number;
  /** From the scheduled send time to the ack (for Parley: after the row is committed). */
  latency: LatencySummary;
  generatorCpu: number;
  serverCpu: number;
  otherCpu: number;
}

export interface ThroughputResult {
  senders: number;
  window: number;
  acked: number;
  errors: number;
  ackedPerSecond: number;
  /** Rows found in the database for this run (null for the baseline, which stores nothing). */
  stored: number | null;
  storedPerSecond: number | null;
  duplicateIds: number;
  latency: LatencySummary;
  /** Server CPU time per acked message (excludes time blocked in fsync, which is not CPU). */
  serverUsPerMessage: number;
  generatorCpu: number;
  serverCpu: number;
  otherCpu: number;
}

/**
 * What the durable phases run against: the processes whose CPU is counted (one
 * node, or every node of a cluster), and how to count the rows a run stored
 * (null: the baseline stores nothing).
 */
export interface DurableTarget {
  pids: number[];
  countStored: ((tag: string) => Promise<number>) | null;
}

/** One server on its own SQLite file (the embedded default), or the baseline. */
export function durableTarget(server: RunningServer): DurableTarget {
  return { pids: [server.pid], countStored: server.kind === "parley" ? async (tag) => countStoredInSqlite(server, tag) : null };
}

const clientId = (tag: string, n: number) => `${tag}.${n}.${Math.random().toString(36).slice(2, 8)}`;

/** Senders share `rate` msgs/s on a fixed schedule; each ack is timed from its scheduled send. */
export async function measureAckLatency(
  senders: Client[],
  target: DurableTarget,
  roomId: string,
  rate: number,
  seconds: number,
  tag: string,
): Promise<AckLatencyResult> {
  const total = Math.max(1, Math.round(rate * seconds));
  const latency = latencyRecorder();
  const meter = cpuMeter(target.pids);
  const start = performance.now() + 20;
  let errors = 0;
  const pending: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const at = start + (i * 1000) / rate;
    const wait = at - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    const sender = senders[i % senders.length]!;
    pending.push(
      emitAck(sender, "message:send", { roomId, body: `ack latency probe ${i}`, clientId: clientId(tag, i) }).then((ack) => {
        if (ack.ok) latency.record(performance.now() - at);
        else errors++;
      }),
    );
  }
  await Promise.all(pending);
  const cpu = meter();
  return {
    rate,
    senders: senders.length,
    sent: total,
    errors,
    latency: latency.summary(),
    generatorCpu: cpu.generatorCpu,
    serverCpu: cpu.serverCpu,
    otherCpu: cpu.otherCpu,
  };
}

/**
 * Many users at once: every sender keeps `window` messages in flight for `seconds`
 * (closed loop), then the database is read to count what was really stored.
 */
export async function measureThroughput(
  senders: Client[],
  target: DurableTarget,
  roomId: string,
  window: number,
  seconds: number,
  tag: string,
): Promise<ThroughputResult> {
  const latency = latencyRecorder();
  const ids = new Set<number>();
  const meter = cpuMeter(target.pids);
  const t0 = performance.now();
  const deadline = t0 + seconds * 1000;
  let n = 0;
  let acked = 0;
  let errors = 0;
  let duplicateIds = 0;
  async function lane(sender: Client) {
    while (performance.now() < deadline) {
      const sentAt = performance.now();
      const ack = await emitAck(sender, "message:send", { roomId, body: `throughput ${n}`, clientId: clientId(tag, n++) });
      if (!ack.ok) {
        errors++;
        continue;
      }
      latency.record(performance.now() - sentAt);
      acked++;
      const id = (ack.data as { id: number }).id;
      if (ids.has(id)) duplicateIds++;
      ids.add(id);
    }
  }
  await Promise.all(senders.flatMap((sender) => Array.from({ length: window }, () => lane(sender))));
  const elapsed = (performance.now() - t0) / 1000;
  const cpu = meter();
  const stored = target.countStored ? await target.countStored(tag) : null;
  return {
    senders: senders.length,
    window,
    acked,
    errors,
    ackedPerSecond: Math.round(acked / elapsed),
    stored,
    storedPerSecond: stored === null ? null : Math.round(stored / elapsed),
    duplicateIds,
    latency: latency.summary(),
    serverUsPerMessage: Math.round((cpu.serverSeconds / Math.max(1, acked)) * 1e6),
    generatorCpu: cpu.generatorCpu,
    serverCpu: cpu.serverCpu,
    otherCpu: cpu.otherCpu,
  };
}

function countStoredInSqlite(server: RunningServer, tag: string): number {
  const db = new Database(path.join(server.dataDir, "parley.db"), { readonly: true });
  try {
    return (db.prepare("SELECT count(*) AS n FROM Message WHERE clientId LIKE ?").get(`${tag}.%`) as { n: number }).n;
  } finally {
    db.close();
  }
}
