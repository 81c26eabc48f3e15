import crypto from "node:crypto";
import type { Client } from "./clients.ts";
import { closeAll, connectMany, createSessions } from "./clients.ts";
import type { BenchDatabase } from "./cluster-services.ts";
import { createBenchDatabase, deleteRedisPrefix, servicesUnavailable } from "./cluster-services.ts";
import type { DurableTarget } from "./durable.ts";
import { measureAckLatency, measureThroughput } from "./durable.ts";
import type { ClusterResults } from "./cluster-report.ts";
import { describeActivity } from "./cluster-report.ts";
import type { ServerResults } from "./report.ts";
import type { RunningServer } from "./server-runner.ts";
import { startServer } from "./server-runner.ts";
import { NOISY_CPU, sleep, waitForQuiet } from "./stats.ts";
import { stepUp } from "./step-up.ts";
import type { SuiteContext } from "./suite.ts";
import { BODY, PER_USER_RATE } from "./suite.ts";

/**
 * The cluster phase: one PostgreSQL database, one Redis prefix, node A alone, then
 * nodes A and B together, with the same load. Node A runs the same configuration
 * (Redis adapter, presence in Redis) in both runs, so the difference between them is
 * what a second node costs: packets crossing Redis to the other node's sockets.
 */
export async function benchCluster(ctx: SuiteContext, out: ClusterResults): Promise<void> {
  const { options: o, log } = ctx;
  const unavailable = await servicesUnavailable(o.postgresUrl, o.redisUrl);
  if (unavailable) {
    out.note = `skipped: ${unavailable}`;
    log(`cluster: ${out.note}`);
    return;
  }
  const cores = ctx.core === null ? null : o.clusterCores;
  out.placement = cores
    ? `node A on core ${cores[0]}, node B on core ${cores[1]}, generator on core 1; PostgreSQL and Redis unpinned`
    : "not pinned (no taskset or < 2 cores)";
  const db = await createBenchDatabase(o.postgresUrl);
  const prefix = `bench-${process.pid}-${Date.now().toString(36)}`;
  const env = { DATABASE_URL: db.url, REDIS_URL: o.redisUrl, REDIS_PREFIX: prefix, AUTH_SECRET: crypto.randomBytes(32).toString("hex") };
  const nodes: RunningServer[] = [];
  const start = async (name: string, core: number | null) => {
    log(`cluster: starting node ${name}${core === null ? "" : ` on core ${core}`}`);
    const node = await startServer("parley", { core, cpuProfDir: ctx.cpuProfDir, env });
    nodes.push(node);
    return node;
  };
  try {
    // A first and alone: it applies the migrations and makes #general.
    const a = await start("A", cores?.[0] ?? null);
    const tag = Date.now().toString(36);
    const publishers = Math.max(o.publishers, Math.ceil(Math.max(...o.clusterRates) / PER_USER_RATE));
    // Each node's publishers get distinct accounts (see spreadClients): the flood rule is per user, cluster-wide.
    const users = Math.max(o.users, publishers + 2);
    log(`cluster: creating 1 admin and ${users} users on PostgreSQL`);
    const adminCookies = await createSessions(a, 1, `ca${tag}_`);
    const cookies = await createSessions(a, users, `cu${tag}_`);
    const roomId = await db.generalRoomId();
    const run = { ctx, db, roomId, cookies, adminCookies, publishers };

    // The smoke run only checks that nothing is lost or doubled across nodes; comparing needs the full run.
    if (o.quick) log("cluster: --quick: two nodes only, no one-node comparison");
    else {
      log("cluster: one node on PostgreSQL + Redis");
      await measureNodes([a], run, out.oneNode, `${tag}1`);
      await waitForNoConnections(a);
    }
    const b = await start("B", cores?.[1] ?? null);
    log("cluster: two nodes, sockets and publishers split between them");
    await measureNodes([a, b], run, out.twoNodes, `${tag}2`);
  } finally {
    await Promise.all(nodes.map((node) => node.stop()));
    await db.drop();
    await deleteRedisPrefix(o.redisUrl, prefix);
  }
}

interface ClusterRun {
  ctx: SuiteContext;
  db: BenchDatabase;
  roomId: string;
  cookies: string[];
  adminCookies: string[];
  publishers: number;
}

async function measureNodes(nodes: RunningServer[], run: ClusterRun, out: ServerResults, tag: string): Promise<void> {
  const { ctx, roomId, publishers } = run;
  const { options: o, log } = ctx;
  const pids = nodes.map((node) => node.pid);
  const assertAlive = () => {
    for (const node of nodes) if (!node.alive()) throw new Error(`a cluster node died during the run:\n${node.logTail()}`);
  };
  const { clients, nodeOfClient } = await spreadClients(nodes, o.clients, run.cookies, roomId, publishers);
  try {
    const nodeOf = nodes.length > 1 ? (i: number) => nodeOfClient[i]! : undefined;
    const base = {
      clients,
      nodeOf,
      publishers,
      quietSeconds: o.quietSeconds,
      roomId,
      serverPid: pids,
      seconds: o.stepSeconds,
      drainSeconds: o.drainSeconds,
      maxGeneratorCpu: o.maxGeneratorCpu,
      p99LimitMs: o.p99LimitMs,
      body: BODY,
    };
    out.fanout = await stepUp(o.clusterRates, base, `${tag}f`, log);
  } finally {
    closeAll(clients);
  }
  assertAlive();
  await Promise.all(nodes.map(waitForNoConnections));

  const { clients: senders } = await spreadClients(nodes, Math.max(o.ackSenders, o.senders), run.adminCookies, roomId, 0);
  const target: DurableTarget = { pids, countStored: run.db.countStored };
  try {
    if (o.quietSeconds > 0) await waitForQuiet(pids, o.quietSeconds, NOISY_CPU, log);
    let sampling = run.db.sampleActivity();
    out.ackLatency = await measureAckLatency(senders.slice(0, o.ackSenders), target, roomId, o.ackRate, o.seconds, `${tag}a`);
    const ackActivity = await sampling();
    log(
      `  ack at ${o.ackRate} msg/s: p50 ${out.ackLatency.latency.p50} p99 ${out.ackLatency.latency.p99} ms, ${out.ackLatency.errors} errors, other CPU ${Math.round(out.ackLatency.otherCpu * 100)}%`,
    );
    if (o.quietSeconds > 0) await waitForQuiet(pids, o.quietSeconds, NOISY_CPU, log);
    sampling = run.db.sampleActivity();
    out.throughput = await measureThroughput(senders.slice(0, o.senders), target, roomId, o.window, o.seconds, `${tag}t`);
    out.pgActivity = { ackLatency: ackActivity, throughput: await sampling() };
    const t = out.throughput;
    log(
      `  ${t.senders}×${t.window} in flight: ${t.ackedPerSecond} acks/s, stored ${t.stored}, ack p99 ${t.latency.p99} ms, CPU gen ${Math.round(t.generatorCpu * 100)}% nodes ${Math.round(t.serverCpu * 100)}% other ${Math.round(t.otherCpu * 100)}%`,
    );
    log(`  PostgreSQL sessions (non-idle, per sample): ${describeActivity(out.pgActivity.throughput)}`);
  } finally {
    closeAll(senders);
  }
  assertAlive();
  await Promise.all(nodes.map(waitForNoConnections));
}

/**
 * `count` sockets split evenly over the nodes and interleaved (A, B, A, B…), so the
 * first `publishers` of them — fanout.ts's publishers — are split too. Node k's
 * sockets take cookies from k × ⌈publishers / nodes⌉ on, so no two publishers share
 * an account.
 */
async function spreadClients(
  nodes: RunningServer[],
  count: number,
  cookies: string[],
  roomId: string,
  publishers: number,
): Promise<{ clients: Client[]; nodeOfClient: number[] }> {
  const stride = Math.ceil(publishers / nodes.length);
  const perNode: Client[][] = [];
  for (const [k, node] of nodes.entries()) {
    const share = Math.floor(count / nodes.length) + (k < count % nodes.length ? 1 : 0);
    perNode.push(await connectMany(node, share, { cookies, roomId, offset: k * stride }));
  }
  const clients: Client[] = [];
  const nodeOfClient: number[] = [];
  for (let i = 0; clients.length < count; i++) {
    for (const [k, list] of perNode.entries()) {
      if (i >= list.length) continue;
      clients.push(list[i]!);
      nodeOfClient.push(k);
    }
  }
  return { clients, nodeOfClient };
}

async function waitForNoConnections(node: RunningServer): Promise<void> {
  for (let i = 0; i < 100 && (await node.memory()).connections; i++) await sleep(100);
  if (!node.alive()) throw new Error(`a cluster node died during the run:\n${node.logTail()}`);
}
