import type { ChildProcess } from "node:child_process";
import { spawn, spawnSync } from "node:child_process";
import { freePort } from "@/e2e/fixtures/parley-server";
import Redis from "ioredis";

/** True when this machine can start a Redis of the test's own (`redis-server` on PATH). */
export const canStartRedis = () => spawnSync("redis-server", ["--version"]).status === 0;

/**
 * A Redis of the test's own on a free port, so a test can kill and restart it without
 * touching the machine's shared one. Keeps nothing on disk.
 */
export async function startRedisServer() {
  const port = await freePort();
  let child: ChildProcess | null = null;
  const url = `redis://127.0.0.1:${port}`;

  async function start() {
    child = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: "ignore" });
    const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
    probe.on("error", () => undefined);
    for (const deadline = Date.now() + 10_000; ; ) {
      try {
        await probe.connect();
        await probe.ping();
        probe.disconnect();
        return;
      } catch {
        if (Date.now() > deadline) throw new Error(`redis-server did not start on ${port}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  }

  async function kill() {
    const c = child;
    child = null;
    if (!c || c.exitCode !== null) return;
    const gone = new Promise((r) => c.once("exit", r));
    c.kill("SIGKILL");
    await gone;
  }

  /** SIGSTOP: Redis stops answering but keeps its connections (a hung server); `thaw` resumes it. */
  const freeze = () => child?.kill("SIGSTOP");
  const thaw = () => child?.kill("SIGCONT");

  await start();
  return { url, port, kill, restart: start, freeze, thaw };
}
