import { measureCatchUp } from "./catch-up.ts";
import { closeAll, connectMany, createSessions, emitAck, readGeneralRoomId } from "./clients.ts";
import { durableTarget, measureAckLatency, measureThroughput } from "./durable.ts";
import { measureMemory } from "./memory.ts";
import type { BenchOptions } from "./options.ts";
import type { Results, ServerResults } from "./report.ts";
import { NOISY_CPU, sleep, waitForQuiet } from "./stats.ts";
import { stepUp } from "./step-up.ts";
import type { RunningServer, ServerKind } from "./server-runner.ts";
import { startServer } from "./server-runner.ts";
import { hasChromium, measureFirstHistory, measureFirstLoadJs } from "./web.ts";
import { measureUpload } from "./upload.ts";

export interface SuiteContext {
  options: BenchOptions;
  core: number | null;
  cpuProfDir?: string;
  log: (line: string) => void;
}

export const BODY = "The quick brown fox jumps over the lazy dog while the chat keeps flowing along";
/**
 * Messages per second one regular user sends. Parley's flood rule allows 5 in 5 s
 * and bans on a second trip; half of that leaves room for back-to-back steps.
 */
export const PER_USER_RATE = 0.5;

function assertAlive(server: RunningServer): void {
  if (!server.alive()) throw new Error(`${server.kind} died during the run:\n${server.logTail()}`);
}

/** Lets the server finish tearing down the last phase's sockets before the next one starts. */
async function waitForNoConnections(server: RunningServer): Promise<void> {
  for (let i = 0; i < 100 && (await server.memory()).connections; i++) await sleep(100);
  assertAlive(server);
}

async function withServer<T>(kind: ServerKind, ctx: SuiteContext, env: Record<string, string>, run: (server: RunningServer) => Promise<T>): Promise<T> {
  const server = await startServer(kind, { core: ctx.core, cpuProfDir: ctx.cpuProfDir, env });
  try {
    return await run(server);
  } finally {
    await server.stop();
  }
}

/**
 * Every phase on one server process. Memory goes first, while the heap holds
 * nothing from the load phases.
 */
export async function benchServer(kind: ServerKind, ctx: SuiteContext, out: ServerResults, web: Results["web"]): Promise<void> {
  const { options: o, log } = ctx;
  const tag = Date.now().toString(36);
  const senders = Math.max(o.ackSenders, o.senders);
  // Regular users may send ~1 msg/s (flood rule): enough publishers for the top rate.
  const publishers = Math.max(o.publishers, Math.ceil(Math.max(...o.rates) / PER_USER_RATE));
  await withServer(kind, ctx, {}, async (server) => {
    const parley = kind === "parley";
    // Fan-out needs many accounts; the other phases a few (catch-up: a reader and a connected reference).
    const users = Math.max(o.phases.has("fanout") ? Math.max(o.users, publishers) : 0, o.phases.has("memory") ? o.memUsers : 0, 2);
    if (parley) log(`parley: creating 1 admin and ${users} users`);
    // The first account on a fresh install is the admin. Staff skip the per-user rate
    // limits (by design), not validation, sanctions, the word filter or storage: the
    // durable phases send as the admin from `senders` sockets.
    const adminCookies = parley ? await createSessions(server, 1, `a${tag}_`) : [];
    const cookies = parley ? await createSessions(server, users, `u${tag}_`) : [];
    const roomId = readGeneralRoomId(server);
    if (o.phases.has("memory")) {
      log(`${kind}: memory per idle connection, 0 → ${o.memMax} sockets (${cookies.slice(0, o.memUsers).length || "no"} accounts)`);
      out.memory = await measureMemory(server, { cookies: cookies.slice(0, o.memUsers), roomId, max: o.memMax, step: o.memStep, log });
      log(`${kind}: ${out.memory.heapBytesPerConnection} B heap, ${out.memory.rssBytesPerConnection} B RSS per connection`);
      await waitForNoConnections(server);
    }
    if (o.phases.has("fanout")) {
      log(`${kind}: fan-out, ${o.clients} clients in one room (${cookies.length || "no"} accounts)`);
      const clients = await connectMany(server, o.clients, { cookies, roomId });
      try {
        const base = {
          clients,
          publishers,
          quietSeconds: o.quietSeconds,
          roomId,
          serverPid: server.pid,
          seconds: o.stepSeconds,
          drainSeconds: o.drainSeconds,
          maxGeneratorCpu: o.maxGeneratorCpu,
          p99LimitMs: o.p99LimitMs,
          body: BODY,
        };
        out.fanout = await stepUp(o.rates, base, `${tag}f`, log);
      } finally {
        closeAll(clients);
      }
      await waitForNoConnections(server);
    }
    if (o.phases.has("durable")) {
      const sockets = await connectMany(server, senders, { cookies: adminCookies, roomId });
      try {
        if (o.quietSeconds > 0) await waitForQuiet(server.pid, o.quietSeconds, NOISY_CPU, log);
        out.ackLatency = await measureAckLatency(sockets.slice(0, o.ackSenders), durableTarget(server), roomId, o.ackRate, o.seconds, `${tag}a`);
        log(
          `${kind}: ack at ${o.ackRate} msg/s: p50 ${out.ackLatency.latency.p50} p99 ${out.ackLatency.latency.p99} ms, ${out.ackLatency.errors} errors, other CPU ${Math.round(out.ackLatency.otherCpu * 100)}%`,
        );
        if (o.quietSeconds > 0) await waitForQuiet(server.pid, o.quietSeconds, NOISY_CPU, log);
        out.throughput = await measureThroughput(sockets.slice(0, o.senders), durableTarget(server), roomId, o.window, o.seconds, `${tag}t`);
        const t = out.throughput;
        log(
          `${kind}: ${t.senders}×${t.window} in flight: ${t.ackedPerSecond} acks/s, stored ${t.stored ?? "n/a"}, ack p99 ${t.latency.p99} ms, CPU gen ${Math.round(t.generatorCpu * 100)}% server ${Math.round(t.serverCpu * 100)}% other ${Math.round(t.otherCpu * 100)}%`,
        );
      } finally {
        closeAll(sockets);
      }
      await waitForNoConnections(server);
    }
    if (parley && o.phases.has("catchup")) {
      if (o.quietSeconds > 0) await waitForQuiet(server.pid, o.quietSeconds, NOISY_CPU, log);
      log(
        `parley: catch-up after ${o.catchupSeconds} s away, ${o.catchupRate} msg/s + ${o.catchupChanges} changes/s in the room, ${o.catchupReps} reader${o.catchupReps > 1 ? "s" : ""}`,
      );
      const c = await measureCatchUp(server, {
        adminCookies,
        readerCookies: cookies.slice(0, 2),
        roomId,
        rate: o.catchupRate,
        changeRate: o.catchupChanges,
        awaySeconds: o.catchupSeconds,
        repetitions: o.catchupReps,
        drainSeconds: o.drainSeconds,
        tag: `${tag}c`,
        body: BODY,
        log,
      });
      out.catchup = c;
      log(
        `parley: catch-up reconnect → consistent view p50 ${c.roundTrip.p50} p95 ${c.roundTrip.p95} ms; ${c.sentPerSecond} msg/s + ${c.changesPerSecond} changes/s held, ${c.runs.filter((r) => r.mismatches.length).length + (c.finalMismatches.length ? 1 : 0)} inconsistent`,
      );
      await waitForNoConnections(server);
    }
    if (parley && o.phases.has("web")) await webPhase(server, cookies[0]!, adminCookies[0]!, roomId, ctx, web);
  });
  // In a process of its own, with the server stopped: image work is CPU-bound.
  if (kind === "parley" && o.phases.has("upload")) out.upload = measureUpload({ runs: o.quick ? 1 : 10, log });
}

async function webPhase(server: RunningServer, cookie: string, staffCookie: string, roomId: string, ctx: SuiteContext, web: Results["web"]): Promise<void> {
  const [seeder] = await connectMany(server, 1, { cookies: [staffCookie], roomId });
  for (let i = 0; i < 5; i++) await emitAck(seeder!, "message:send", { roomId, body: `seeded history ${i}`, clientId: `seed.${i}.${Date.now()}` });
  seeder!.disconnect();
  web.firstLoadJs = await measureFirstLoadJs(server.url(), cookie);
  ctx.log(`parley: chat page first-load JS ${(web.firstLoadJs.gzipBytes / 1024).toFixed(1)} KiB gzip in ${web.firstLoadJs.files} files`);
  if (!hasChromium()) {
    web.note = "skipped: /usr/bin/chromium is missing (apt-get install -y chromium)";
  } else if (ctx.options.loads > 0) {
    web.firstHistory = await measureFirstHistory(server.url(), cookie, ctx.options.loads);
    ctx.log(`parley: navigation → first history p50 ${web.firstHistory.p50} p95 ${web.firstHistory.p95} ms`);
  }
}
