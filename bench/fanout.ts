import type { Client } from "./clients.ts";
import { emitAck, health } from "./clients.ts";
import type { LatencySummary } from "./stats.ts";
import { cpuMeter, latencyRecorder, sleep } from "./stats.ts";

export interface FanoutStep {
  rate: number;
  clients: number;
  sent: number;
  expected: number;
  delivered: number;
  deliveriesPerSecond: number;
  latency: LatencySummary;
  /** How late the generator itself sent, vs the schedule (its own jitter/saturation). */
  sendLagP99: number;
  lost: number;
  duplicates: number;
  outOfOrder: number;
  sendErrors: number;
  disconnects: number;
  generatorCpu: number;
  serverCpu: number;
  /** Server CPU time per delivery: robust to a noisy machine, unlike latency. */
  serverUsPerDelivery: number;
  /** Cores used by other programs meanwhile (see NOISY_CPU). */
  otherCpu: number;
  held: boolean;
  valid: boolean;
  /**
   * Cluster runs only (`nodeOf` given): the same step's deliveries split by whether
   * the receiver sat on the publisher's node or on another one. Both halves share
   * the step's noise, so their difference is what crossing nodes costs.
   */
  sameNode?: LatencySummary;
  crossNode?: LatencySummary;
}

export interface FanoutOptions {
  quietSeconds: number;
  clients: Client[];
  publishers: number;
  roomId: string;
  /** Several pids: a cluster, whose CPU is summed. */
  serverPid: number | number[];
  rate: number;
  seconds: number;
  drainSeconds: number;
  tag: string;
  maxGeneratorCpu: number;
  p99LimitMs: number;
  body: string;
  /** Which node client i is connected to (cluster runs). */
  nodeOf?: (client: number) => number;
}

/**
 * One step: publishers send `rate` msgs/s on a fixed schedule; every client in the
 * room records each arrival. Latency runs from the *scheduled* send time, so a
 * late generator or a queueing server both show up (no coordinated omission).
 */
export async function runFanoutStep(o: FanoutOptions): Promise<FanoutStep> {
  const total = Math.max(1, Math.round(o.rate * o.seconds));
  const receivers = o.clients.length;
  const scheduled = new Float64Array(total);
  const seen = o.clients.map(() => new Uint8Array(total));
  const lastSeqOf = o.clients.map(() => new Int32Array(o.publishers).fill(-1));
  const latency = latencyRecorder();
  const sendLag = latencyRecorder();
  const nodeOf = o.nodeOf;
  const sameNode = nodeOf ? latencyRecorder() : null;
  const crossNode = nodeOf ? latencyRecorder() : null;
  const prefix = `${o.tag}.`;
  let delivered = 0;
  let duplicates = 0;
  let outOfOrder = 0;
  let lastArrival = 0;
  const disconnectsBefore = health.unexpectedDisconnects;

  const listeners = o.clients.map((client, r) => {
    const listener = (message: { clientId?: string }) => {
      const now = performance.now();
      const clientId = message.clientId;
      if (typeof clientId !== "string" || !clientId.startsWith(prefix)) return;
      const seq = Number(clientId.slice(prefix.length, clientId.indexOf(".", prefix.length)));
      const counts = seen[r]!;
      if (counts[seq]! > 0) duplicates++;
      else delivered++;
      counts[seq] = Math.min(255, counts[seq]! + 1);
      const publisher = seq % o.publishers;
      const order = lastSeqOf[r]!;
      if (seq < order[publisher]!) outOfOrder++;
      else order[publisher] = seq;
      latency.record(now - scheduled[seq]!);
      if (nodeOf) (nodeOf(publisher) === nodeOf(r) ? sameNode : crossNode)!.record(now - scheduled[seq]!);
      lastArrival = now;
    };
    client.on("message:new", listener);
    return listener;
  });

  const meter = cpuMeter(o.serverPid);
  const start = performance.now() + 20;
  for (let i = 0; i < total; i++) scheduled[i] = start + (i * 1000) / o.rate;
  let sendErrors = 0;
  const acks: Promise<void>[] = [];
  let next = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      while (next < total && scheduled[next]! <= now) {
        const seq = next++;
        sendLag.record(now - scheduled[seq]!);
        const publisher = o.clients[seq % o.publishers]!;
        const clientId = `${prefix}${seq}.${Math.random().toString(36).slice(2, 8)}`;
        // Unique across steps too: Parley bans a user who repeats the same text.
        acks.push(
          emitAck(publisher, "message:send", { roomId: o.roomId, body: `${o.body} ${o.tag}#${seq}`, clientId }).then((ack) => void (ack.ok || sendErrors++)),
        );
      }
      if (next >= total) resolve();
      else setTimeout(tick, Math.min(4, Math.max(0, scheduled[next]! - now)));
    };
    setTimeout(tick, Math.max(0, start - performance.now()));
  });
  const expected = total * receivers;
  const drainDeadline = performance.now() + o.drainSeconds * 1000;
  while (delivered < expected && performance.now() < drainDeadline) await sleep(20);
  await Promise.all(acks);
  const cpu = meter();
  o.clients.forEach((client, r) => {
    client.off("message:new", listeners[r]);
  });

  const elapsed = Math.max(lastArrival, scheduled[total - 1]!) - scheduled[0]!;
  const summary = latency.summary();
  const lost = expected - delivered;
  const disconnects = health.unexpectedDisconnects - disconnectsBefore;
  return {
    rate: o.rate,
    clients: receivers,
    sent: total,
    expected,
    delivered,
    deliveriesPerSecond: Math.round(delivered / (Math.max(elapsed, 1000 / o.rate) / 1000)),
    latency: summary,
    sendLagP99: sendLag.summary().p99,
    lost,
    duplicates,
    outOfOrder,
    sendErrors,
    disconnects,
    generatorCpu: cpu.generatorCpu,
    serverCpu: cpu.serverCpu,
    serverUsPerDelivery: Math.round((cpu.serverSeconds / Math.max(1, delivered)) * 1e7) / 10,
    otherCpu: cpu.otherCpu,
    held: summary.p99 <= o.p99LimitMs && lost === 0 && duplicates === 0 && sendErrors === 0 && disconnects === 0,
    valid: cpu.generatorCpu <= o.maxGeneratorCpu,
    ...(sameNode && crossNode ? { sameNode: sameNode.summary(), crossNode: crossNode.summary() } : {}),
  };
}
