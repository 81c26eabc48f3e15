import type { ActivityShares } from "./cluster-services.ts";
import type { Results, ServerResults, Target } from "./report.ts";
import { fmt, ratio, stepAt, stepRow } from "./report.ts";
import { NOISY_CPU } from "./stats.ts";

/** The cluster phase: node A alone, then A + B, on one PostgreSQL database and one Redis. */
export interface ClusterResults {
  /** Where the nodes ran (pinning), said with every figure. */
  placement?: string;
  /** Why the phase did not run (PostgreSQL or Redis unreachable). */
  note?: string;
  oneNode: ServerResults;
  twoNodes: ServerResults;
  /** What the second node added, filled in by `evaluate`. */
  added?: ReturnType<typeof clusterFigures>;
}

const heldAt = (r: ServerResults, rate: number) => r.fanout?.steps.find((s) => s.rate === rate && s.valid && s.held);

/**
 * The rate the cluster's latency is compared at: `refRate` when both runs held a
 * valid step there, else the highest rate both held; null when there is none. A
 * step that did not hold (p99 over the limit, usually a busy machine) says nothing
 * about what the second node adds, so it is never compared.
 */
function clusterRate(c: ClusterResults, refRate: number): number | null {
  if (heldAt(c.oneNode, refRate) && heldAt(c.twoNodes, refRate)) return refRate;
  const both = (c.twoNodes.fanout?.steps ?? []).filter((s) => s.valid && s.held && heldAt(c.oneNode, s.rate)).map((s) => s.rate);
  return both.length ? Math.max(...both) : null;
}

const minus = (a: number | undefined, b: number | undefined) => (a !== undefined && b !== undefined ? Math.round((a - b) * 100) / 100 : null);

/** What the second node adds, and the durable figures on PostgreSQL (issue 11). */
export function clusterFigures(c: ClusterResults, refRate: number) {
  const rate = clusterRate(c, refRate);
  const one = rate === null ? undefined : heldAt(c.oneNode, rate);
  const two = rate === null ? undefined : heldAt(c.twoNodes, rate);
  const oneMax = c.oneNode.fanout?.maxHeldDeliveriesPerSecond;
  return {
    rate,
    addedP50: minus(two?.latency.p50, one?.latency.p50),
    addedP99: minus(two?.latency.p99, one?.latency.p99),
    // One node that held nothing gives no ratio (not "infinitely better").
    deliveriesRatio: oneMax ? ratio(c.twoNodes.fanout?.maxHeldDeliveriesPerSecond, oneMax) : null,
    /**
     * Within the two-node step itself: deliveries to the other node's sockets minus
     * those to the publisher's own node. Same step, same noise: steadier than two − one.
     */
    crossMinusSameP50: minus(two?.crossNode?.p50, two?.sameNode?.p50),
    crossMinusSameP99: minus(two?.crossNode?.p99, two?.sameNode?.p99),
    /** Most CPU other programs (PostgreSQL and Redis included) used during the two compared steps. */
    otherCpu: one && two ? Math.max(one.otherCpu, two.otherCpu) : null,
  };
}

export function clusterTargets(r: Results, refRate: number): Target[] {
  const c = r.cluster;
  if (!c || c.note) return [];
  const f = clusterFigures(c, refRate);
  const check = (value: number | null | undefined, ok: (v: number) => boolean) => (value === null || value === undefined ? null : ok(value));
  const at = f.rate === null ? "(no rate held by both runs)" : `@ ${f.rate} msg/s`;
  const busy = (value: string, other: number | null | undefined) =>
    other !== null && other !== undefined && other > NOISY_CPU ? `${value} (other CPU ${Math.round(other * 100)}%)` : value;
  const ack = c.oneNode.ackLatency;
  const stored = c.oneNode.throughput?.storedPerSecond;
  return [
    {
      name: `two nodes: send→deliver p50 added vs one node ${at}`,
      target: "< 5 ms",
      value: busy(fmt(f.addedP50, " ms"), f.otherCpu),
      pass: check(f.addedP50, (v) => v < 5),
    },
    {
      name: `two nodes: send→deliver p99 added vs one node ${at}`,
      target: "< 20 ms",
      value: busy(fmt(f.addedP99, " ms"), f.otherCpu),
      pass: check(f.addedP99, (v) => v < 20),
    },
    {
      name: "two nodes: sustained deliveries/s vs one node",
      target: "≥ 0.8×",
      value: fmt(f.deliveriesRatio, "×"),
      pass: check(f.deliveriesRatio, (v) => v >= 0.8),
    },
    {
      name: `PostgreSQL: durable ack p99 @ ${ack?.rate ?? c.twoNodes.ackLatency?.rate ?? "?"} msg/s`,
      target: "< 20 ms",
      value: busy(fmt(ack?.latency.p99, " ms"), ack?.otherCpu),
      pass: check(ack?.latency.p99, (v) => v < 20),
    },
    {
      name: "PostgreSQL: stored messages/s, many senders",
      target: "≥ 5,000",
      value: busy(fmt(stored), c.oneNode.throughput?.otherCpu),
      pass: check(stored, (v) => v >= 5000),
    },
  ];
}

/** The busiest few activities of one sampling, for logs and the summary. */
export function describeActivity(a: ActivityShares | undefined): string {
  if (!a) return "—";
  const top = Object.entries(a.shares)
    .slice(0, 4)
    .map(([k, share]) => `${k} ${Math.round(share * 100)}%`);
  return `${a.backends} busy: ${top.join(", ") || "none"}`;
}

export function clusterMarkdown(r: Results, refRate: number): string[] {
  const c = r.cluster;
  if (!c) return [];
  if (c.note) return ["", `Cluster phase: ${c.note}.`];
  const { oneNode: one, twoNodes: two } = c;
  const f = clusterFigures(c, refRate);
  // Without a rate both runs held (or in --quick, which runs two nodes only), the two-node step nearest the reference.
  const shown = f.rate ?? (stepAt(two, refRate) ? refRate : (two.fanout?.steps.at(-1)?.rate ?? refRate));
  const s1 = stepAt(one, shown);
  const s2 = stepAt(two, shown);
  const row = (name: string, a: string, b: string, d: string) => `| ${name} | ${a} | ${b} | ${d} |`;
  const dur = (x: ServerResults) => (x.ackLatency ? `${x.ackLatency.latency.p50} / ${x.ackLatency.latency.p99} ms` : "—");
  return [
    "",
    `Cluster (PostgreSQL + Redis; ${c.placement ?? "?"}). "One node" is node A alone with the same Redis adapter; "two nodes" splits sockets and publishers half and half. Other CPU includes PostgreSQL and Redis.`,
    "",
    "| metric | one node | two nodes | two − one (or ratio) |",
    "|---|---|---|---|",
    row("max sustained deliveries/s", fmt(one.fanout?.maxHeldDeliveriesPerSecond), fmt(two.fanout?.maxHeldDeliveriesPerSecond), fmt(f.deliveriesRatio, "×")),
    row(
      `send→deliver p50 @ ${shown} msg/s × ${s2?.clients ?? s1?.clients ?? "?"}`,
      fmt(s1?.latency.p50, " ms"),
      fmt(s2?.latency.p50, " ms"),
      fmt(f.addedP50, " ms"),
    ),
    row(`send→deliver p99 @ ${shown} msg/s`, fmt(s1?.latency.p99, " ms"), fmt(s2?.latency.p99, " ms"), fmt(f.addedP99, " ms")),
    row(
      `server CPU µs per delivery @ ${shown} msg/s (all nodes)`,
      fmt(s1?.serverUsPerDelivery),
      fmt(s2?.serverUsPerDelivery),
      fmt(ratio(s2?.serverUsPerDelivery, s1?.serverUsPerDelivery), "×"),
    ),
    row(`durable ack p50 / p99 @ ${one.ackLatency?.rate ?? two.ackLatency?.rate ?? "?"} msg/s`, dur(one), dur(two), "—"),
    row(
      `stored msgs/s, ${one.throughput?.senders ?? "?"} senders × ${one.throughput?.window ?? "?"}`,
      fmt(one.throughput?.storedPerSecond),
      fmt(two.throughput?.storedPerSecond),
      fmt(ratio(two.throughput?.storedPerSecond ?? undefined, one.throughput?.storedPerSecond ?? undefined), "×"),
    ),
    row("server CPU µs per stored message (all nodes)", fmt(one.throughput?.serverUsPerMessage), fmt(two.throughput?.serverUsPerMessage), "—"),
    row(
      "PostgreSQL sessions during stored msgs/s (non-idle, per sample)",
      describeActivity(one.pgActivity?.throughput),
      describeActivity(two.pgActivity?.throughput),
      "—",
    ),
    row(
      `PostgreSQL sessions during ack @ ${one.ackLatency?.rate ?? two.ackLatency?.rate ?? "?"} msg/s`,
      describeActivity(one.pgActivity?.ackLatency),
      describeActivity(two.pgActivity?.ackLatency),
      "—",
    ),
    ...(s2?.sameNode && s2.crossNode
      ? [
          "",
          `Within the two-node step at ${shown} msg/s (one step, the same noise for both): deliveries to sockets on the publisher's own node p50 ${s2.sameNode.p50} / p99 ${s2.sameNode.p99} ms, ` +
            `to sockets on the other node p50 ${s2.crossNode.p50} / p99 ${s2.crossNode.p99} ms: crossing nodes adds ${fmt(minus(s2.crossNode.p50, s2.sameNode.p50), " ms")} (p50), ${fmt(minus(s2.crossNode.p99, s2.sameNode.p99), " ms")} (p99).`,
        ]
      : []),
    "",
    "| nodes | msg/s × clients | deliveries/s | p50 | p90 | p99 | p99.9 | max | lost/dup | gen CPU | nodes CPU | server µs/delivery | other CPU | |",
    "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ...(one.fanout?.steps ?? []).map((s) => stepRow("one", s)),
    ...(two.fanout?.steps ?? []).map((s) => stepRow("two", s)),
  ];
}
