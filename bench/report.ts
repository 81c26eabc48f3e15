import fs from "node:fs";
import path from "node:path";
import type { CatchUpResult } from "./catch-up.ts";
import type { ActivityShares } from "./cluster-services.ts";
import type { ClusterResults } from "./cluster-report.ts";
import { clusterFigures, clusterMarkdown, clusterTargets } from "./cluster-report.ts";
import type { AckLatencyResult, ThroughputResult } from "./durable.ts";
import type { FanoutStep } from "./fanout.ts";
import { NOISY_CPU } from "./stats.ts";
import type { FanoutResult } from "./step-up.ts";
import type { MemoryResult } from "./memory.ts";
import type { UploadResult } from "./upload.ts";
import type { BrowserTiming, FirstLoadJs } from "./web.ts";
import { FIRST_LOAD_JS_BUDGET_BYTES } from "./web.ts";

export interface ServerResults {
  fanout?: FanoutResult;
  ackLatency?: AckLatencyResult;
  throughput?: ThroughputResult;
  memory?: MemoryResult;
  /** Parley only: catch-up after a disconnect in a busy room. */
  catchup?: CatchUpResult;
  /** Parley only: a 12 MP photo through the upload pipeline to its thumbnail. */
  upload?: UploadResult;
  /** Cluster phase only: what PostgreSQL's sessions were doing during each durable run. */
  pgActivity?: { ackLatency: ActivityShares; throughput: ActivityShares };
}

export type { ClusterResults };

export interface Target {
  name: string;
  target: string;
  value: string;
  pass: boolean | null;
}

export interface Results {
  date: string;
  quick: boolean;
  seconds: number;
  machine: { cpus: number; cpuModel: string; node: string; pinned: boolean; note?: string };
  options: Record<string, unknown>;
  baseline: ServerResults;
  parley: ServerResults;
  web: { firstLoadJs?: FirstLoadJs; firstHistory?: BrowserTiming; note?: string };
  cluster?: ClusterResults;
  ratios: Record<string, number | null>;
  targets: Target[];
  problems: string[];
}

export const ratio = (a: number | undefined, b: number | undefined) => (a !== undefined && b !== undefined && b > 0 ? Math.round((a / b) * 100) / 100 : null);
export const stepAt = (r: ServerResults, rate: number) => r.fanout?.steps.find((s) => s.rate === rate && s.valid);
const kb = (bytes: number | undefined) => (bytes === undefined ? "—" : `${(bytes / 1024).toFixed(1)} KiB`);
export const fmt = (n: number | null | undefined, unit = "") => (n === null || n === undefined ? "—" : `${n.toLocaleString("en-US")}${unit}`);

const canonCodes = (codes: Record<string, number>) =>
  Object.entries(codes)
    .map(([code, n]) => `${n} ${code}`)
    .join(", ") || "none";

/** Loss, duplicates and stored-vs-acked mismatches, over every phase of both servers. */
export function integrityProblems(r: Results): string[] {
  const problems: string[] = [];
  const runs: [string, ServerResults][] = [
    ["baseline", r.baseline],
    ["parley", r.parley],
    ["cluster one node", r.cluster?.oneNode ?? {}],
    ["cluster two nodes", r.cluster?.twoNodes ?? {}],
  ];
  for (const [kind, result] of runs) {
    for (const s of result.fanout?.steps ?? []) {
      if (s.lost || s.duplicates) problems.push(`${kind} fan-out at ${s.rate} msg/s: ${s.lost} lost, ${s.duplicates} duplicate deliveries`);
      if (s.sendErrors || s.disconnects) problems.push(`${kind} fan-out at ${s.rate} msg/s: ${s.sendErrors} failed sends, ${s.disconnects} dropped sockets`);
    }
    const t = result.throughput;
    if (t && (t.duplicateIds || t.errors)) problems.push(`${kind} throughput: ${t.duplicateIds} duplicate ids, ${t.errors} failed sends`);
    if (t && t.stored !== null && t.stored !== t.acked) problems.push(`${kind} throughput: ${t.acked} acked but ${t.stored} stored`);
    if (result.ackLatency?.errors) problems.push(`${kind} ack latency: ${result.ackLatency.errors} failed sends`);
    const c = result.catchup;
    if (c && (c.sendErrors || c.changeErrors))
      problems.push(`${kind} catch-up: ${c.sendErrors} failed sends, ${c.changeErrors} failed changes (${canonCodes(c.errorCodes)})`);
    c?.runs.forEach((run, i) => {
      if (run.mismatches.length) problems.push(`${kind} catch-up, reader ${i + 1}: view after the answer is not the server's: ${run.mismatches.join("; ")}`);
    });
    if (c?.finalMismatches.length) problems.push(`${kind} catch-up: views at the end differ from message:history: ${c.finalMismatches.join("; ")}`);
  }
  return problems;
}

/**
 * The load latency is compared at: `refRate` when both servers have a valid step
 * there, else the highest rate where both do (a generator saturated by one server's
 * extra packets must not leave the comparison empty).
 */
export function comparedRate(r: Results, refRate: number): number {
  if (stepAt(r.baseline, refRate) && stepAt(r.parley, refRate)) return refRate;
  const both = (r.parley.fanout?.steps ?? []).filter((s) => s.valid && stepAt(r.baseline, s.rate)).map((s) => s.rate);
  return both.length ? Math.max(...both) : refRate;
}

export function evaluate(r: Results, refRate: number): void {
  const { baseline: b, parley: p } = r;
  const rate = comparedRate(r, refRate);
  r.options.comparedRate = rate;
  const bRef = stepAt(b, rate);
  const pRef = stepAt(p, rate);
  r.ratios = {
    deliveriesPerSecond: ratio(p.fanout?.maxHeldDeliveriesPerSecond, b.fanout?.maxHeldDeliveriesPerSecond),
    p50AtRefRate: ratio(pRef?.latency.p50, bRef?.latency.p50),
    p99AtRefRate: ratio(pRef?.latency.p99, bRef?.latency.p99),
    ackP99: ratio(p.ackLatency?.latency.p99, b.ackLatency?.latency.p99),
    heapPerConnection: ratio(p.memory?.heapBytesPerConnection, b.memory?.heapBytesPerConnection),
  };
  const check = (value: number | null | undefined, ok: (v: number) => boolean) => (value === null || value === undefined ? null : ok(value));
  if (r.cluster && !r.cluster.note) r.cluster.added = clusterFigures(r.cluster, refRate);
  const single: Target[] = [
    {
      name: "sustained deliveries/s vs baseline",
      target: "≥ 0.8×",
      value: fmt(r.ratios.deliveriesPerSecond, "×"),
      pass: check(r.ratios.deliveriesPerSecond, (v) => v >= 0.8),
    },
    {
      name: `send→deliver p50 vs baseline @ ${rate} msg/s`,
      target: "≤ 1.2×",
      value: fmt(r.ratios.p50AtRefRate, "×"),
      pass: check(r.ratios.p50AtRefRate, (v) => v <= 1.2),
    },
    {
      name: `send→deliver p99 vs baseline @ ${rate} msg/s`,
      target: "≤ 1.5×",
      value: fmt(r.ratios.p99AtRefRate, "×"),
      pass: check(r.ratios.p99AtRefRate, (v) => v <= 1.5),
    },
    {
      name: `durable ack p99 @ ${p.ackLatency?.rate ?? "?"} msg/s`,
      target: "< 20 ms",
      value: fmt(p.ackLatency?.latency.p99, " ms"),
      pass: check(p.ackLatency?.latency.p99, (v) => v < 20),
    },
    {
      name: "stored messages/s, many senders",
      target: "≥ 5,000",
      value: fmt(p.throughput?.storedPerSecond),
      pass: check(p.throughput?.storedPerSecond, (v) => v >= 5000),
    },
    {
      name: "heap per idle authenticated connection",
      target: "≤ 12 KiB",
      value: kb(p.memory?.heapBytesPerConnection),
      pass: check(p.memory?.heapBytesPerConnection, (v) => v <= 12 * 1024),
    },
    {
      name: `catch-up after ${p.catchup?.awaySeconds ?? "?"} s away: view equals the server's`,
      target: "every reader",
      value: p.catchup
        ? `${p.catchup.runs.filter((run) => run.mismatches.length === 0).length}/${p.catchup.runs.length}${p.catchup.finalMismatches.length ? ", not at the end" : ""}`
        : "—",
      pass: p.catchup ? p.catchup.runs.every((run) => run.mismatches.length === 0) && p.catchup.finalMismatches.length === 0 : null,
    },
    {
      name: `${p.upload?.megapixels ?? 12} MP photo upload → thumbnail, p95 on ${p.upload?.cores ?? 2} cores`,
      target: "< 1.5 s",
      value: fmt(p.upload?.ms.p95, " ms"),
      pass: check(p.upload?.ms.p95, (v) => v < 1500),
    },
    {
      name: "chat page first-load JS (gzip)",
      target: `≤ ${kb(FIRST_LOAD_JS_BUDGET_BYTES)}`,
      value: kb(r.web.firstLoadJs?.gzipBytes),
      pass: check(r.web.firstLoadJs?.gzipBytes, (v) => v <= FIRST_LOAD_JS_BUDGET_BYTES),
    },
  ];
  r.targets = [
    // `--only cluster` measures no single-server figure: list none rather than six "not measured".
    ...(hasSingleServerResults(r) ? single : []),
    ...clusterTargets(r, refRate),
    { name: "lost or duplicated messages", target: "0", value: String(r.problems.length), pass: r.problems.length === 0 },
  ];
}

function hasSingleServerResults(r: Results): boolean {
  return Object.keys(r.baseline).length > 0 || Object.keys(r.parley).length > 0 || r.web.firstLoadJs !== undefined;
}

const targetRow = (t: Target) => `| ${t.name} | ${t.target} | ${t.value} | ${t.pass === null ? "not measured" : t.pass ? "yes" : "**no**"} |`;

function otherCpuLine(runs: ServerResults[]): string {
  const other = runs.flatMap((x) => [...(x.fanout?.steps ?? []), x.ackLatency, x.throughput]).map((m) => m?.otherCpu ?? 0);
  return `Other programs on the machine used up to ${Math.round(Math.max(0, ...other) * 100)}% of a core during any measurement (fan-out steps above ${NOISY_CPU * 100}% were retried).`;
}

export function stepRow(kind: string, s: FanoutStep): string {
  const l = s.latency;
  const flags = [s.held ? "held" : "failed", s.valid ? "" : "INVALID (generator saturated)"].filter(Boolean).join(", ");
  return `| ${kind} | ${s.rate} × ${s.clients} | ${fmt(s.deliveriesPerSecond)} | ${l.p50} | ${l.p90} | ${l.p99} | ${l.p999} | ${l.max} | ${s.lost}/${s.duplicates} | ${Math.round(s.generatorCpu * 100)}% | ${Math.round(s.serverCpu * 100)}% | ${s.serverUsPerDelivery} | ${Math.round(s.otherCpu * 100)}% | ${flags} |`;
}

function catchUpMarkdown(c: CatchUpResult): string[] {
  return [
    "",
    `Catch-up (#general at ${c.rate} msg/s + ${c.changeRate} edits, deletions and reactions/s, asked; held ${c.sentPerSecond} + ${c.changesPerSecond}/s over ${c.seconds} s; server CPU ${Math.round(c.serverCpu * 100)}%, other ${Math.round(c.otherCpu * 100)}%): a reader leaves, comes back and sends \`room:join { afterId, afterChange }\`; "consistent" compares its view right after the answer with what a reader that stayed connected received, and every view at the end with \`message:history\`.`,
    "",
    "| reader | away | missed messages / changes | answer: new / changed | caughtUp | connect | join ack | reconnect → consistent view | consistent |",
    "|---|---|---|---|---|---|---|---|---|",
    ...c.runs.map(
      (run, i) =>
        `| ${i + 1} | ${run.awaySeconds} s | ${fmt(run.missedMessages)} / ${fmt(run.missedChanges)} | ${run.answerMessages} / ${run.answerChanged} | ${run.caughtUp ? "yes" : "no: reloaded the newest page"} | ${run.connectMs} ms | ${run.joinMs} ms | ${run.totalMs} ms | ${run.mismatches.length ? "**no**" : "yes"} |`,
    ),
    "",
    `Reconnect → consistent view over ${c.runs.length} reader${c.runs.length > 1 ? "s" : ""}: p50 ${c.roundTrip.p50} ms, p95 ${c.roundTrip.p95} ms, max ${c.roundTrip.max} ms; at the end ${c.finalMismatches.length ? "**views differ from message:history**" : "every view equals message:history"}.`,
  ];
}

export function renderMarkdown(r: Results): string {
  const { baseline: b, parley: p } = r;
  const header = [
    `## Parley bench, ${r.date}${r.quick ? " (quick)" : ""}`,
    "",
    `${r.machine.cpus} × ${r.machine.cpuModel}, Node ${r.machine.node}; ${r.machine.pinned ? "server on core 0, generator on core 1" : `NOT pinned (${r.machine.note ?? "no taskset"})`}; took ${r.seconds} s.`,
  ];
  if (!hasSingleServerResults(r)) {
    const lines = [
      ...header,
      "",
      "| target | wanted | measured | met |",
      "|---|---|---|---|",
      ...r.targets.map(targetRow),
      ...clusterMarkdown(r, Number(r.options.refRate)),
    ];
    lines.push("", otherCpuLine([r.cluster?.oneNode ?? {}, r.cluster?.twoNodes ?? {}]).replace(" (fan-out", ", PostgreSQL and Redis included (fan-out"));
    if (r.problems.length) lines.push("", "**Problems:**", ...r.problems.map((x) => `- ${x}`));
    return lines.join("\n");
  }
  const lines = [
    ...header,
    "",
    "| metric | baseline | Parley | Parley / baseline |",
    "|---|---|---|---|",
    `| max sustained deliveries/s (p99 ≤ 200 ms, no loss, generator < 80 %) | ${fmt(b.fanout?.maxHeldDeliveriesPerSecond)} | ${fmt(p.fanout?.maxHeldDeliveriesPerSecond)} | ${fmt(r.ratios.deliveriesPerSecond, "×")} |`,
  ];
  const refRate = Number(r.options.comparedRate ?? r.options.refRate);
  const bRef = stepAt(b, refRate);
  const pRef = stepAt(p, refRate);
  for (const key of ["p50", "p99", "max"] as const) {
    const rr = ratio(pRef?.latency[key], bRef?.latency[key]);
    lines.push(
      `| send→deliver ${key} @ ${refRate} msg/s × ${pRef?.clients ?? bRef?.clients ?? "?"} | ${fmt(bRef?.latency[key], " ms")} | ${fmt(pRef?.latency[key], " ms")} | ${fmt(rr, "×")} |`,
    );
  }
  lines.push(
    `| ack p50 / p99 @ ${p.ackLatency?.rate ?? b.ackLatency?.rate ?? "?"} msg/s (Parley: after commit) | ${fmt(b.ackLatency?.latency.p50)} / ${fmt(b.ackLatency?.latency.p99, " ms")} | ${fmt(p.ackLatency?.latency.p50)} / ${fmt(p.ackLatency?.latency.p99, " ms")} | ${fmt(r.ratios.ackP99, "×")} (p99) |`,
    `| acked msgs/s, ${p.throughput?.senders ?? "?"} senders × ${p.throughput?.window ?? "?"} in flight (Parley: stored) | ${fmt(b.throughput?.ackedPerSecond)} | ${fmt(p.throughput?.storedPerSecond)} | ${fmt(ratio(p.throughput?.storedPerSecond ?? undefined, b.throughput?.ackedPerSecond))} |`,
    `| server CPU µs per delivery @ ${refRate} msg/s | ${fmt(bRef?.serverUsPerDelivery)} | ${fmt(pRef?.serverUsPerDelivery)} | ${fmt(ratio(pRef?.serverUsPerDelivery, bRef?.serverUsPerDelivery), "×")} |`,
    `| server CPU µs per acked message, many senders | ${fmt(b.throughput?.serverUsPerMessage)} | ${fmt(p.throughput?.serverUsPerMessage)} | ${fmt(ratio(p.throughput?.serverUsPerMessage, b.throughput?.serverUsPerMessage), "×")} |`,
    `| heap per idle connection | ${kb(b.memory?.heapBytesPerConnection)} | ${kb(p.memory?.heapBytesPerConnection)} | ${fmt(r.ratios.heapPerConnection, "×")} |`,
    `| RSS per idle connection | ${kb(b.memory?.rssBytesPerConnection)} | ${kb(p.memory?.rssBytesPerConnection)} | — |`,
    `| handshakes/s (memory phase) | ${fmt(b.memory?.handshakesPerSecond)} | ${fmt(p.memory?.handshakesPerSecond)} | — |`,
    `| catch-up after ${p.catchup?.awaySeconds ?? "?"} s away in a busy room, reconnect → consistent view p50 / p95 | — | ${p.catchup ? `${p.catchup.roundTrip.p50} / ${p.catchup.roundTrip.p95} ms` : "—"} | — |`,
    `| chat page first-load JS (gzip) | — | ${r.web.firstLoadJs ? `${kb(r.web.firstLoadJs.gzipBytes)} in ${r.web.firstLoadJs.files} files` : "—"} | — |`,
    `| navigation → first history, p50 / p95 of ${r.web.firstHistory?.loads ?? 0} cold loads | — | ${r.web.firstHistory ? `${r.web.firstHistory.p50} / ${r.web.firstHistory.p95} ms` : (r.web.note ?? "—")} | — |`,
    "",
    "| target | wanted | measured | met |",
    "|---|---|---|---|",
    ...r.targets.map(targetRow),
    "",
    "Fan-out steps (latency in ms from the scheduled send time):",
    "",
    "| server | msg/s × clients | deliveries/s | p50 | p90 | p99 | p99.9 | max | lost/dup | gen CPU | server CPU | server µs/delivery | other CPU | |",
    "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ...(b.fanout?.steps ?? []).map((s) => stepRow("baseline", s)),
    ...(p.fanout?.steps ?? []).map((s) => stepRow("Parley", s)),
  );
  if (p.catchup) lines.push(...catchUpMarkdown(p.catchup));
  lines.push(...clusterMarkdown(r, Number(r.options.refRate)));
  lines.push("", otherCpuLine([b, p, r.cluster?.oneNode ?? {}, r.cluster?.twoNodes ?? {}]));
  if (r.problems.length) lines.push("", "**Problems:**", ...r.problems.map((x) => `- ${x}`));
  return lines.join("\n");
}

export function writeResults(r: Results, out: string): void {
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(`${out}.tmp`, `${JSON.stringify(r, null, 2)}\n`);
  fs.renameSync(`${out}.tmp`, out);
}
