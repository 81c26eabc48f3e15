import { execFileSync, spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { processCpuSeconds } from "./stats.ts";

export type ServerKind = "parley" | "baseline";

export interface MemorySample {
  connections: number | null;
  gcExposed: boolean;
  heapUsed: number;
  heapTotal: number;
  rss: number;
  external: number;
  arrayBuffers: number;
}

export const ROOT = path.resolve(import.meta.dirname, "..");
const SCRIPTS: Record<ServerKind, string> = { parley: "server.ts", baseline: "bench/baseline-server.ts" };

export function hasTaskset(): boolean {
  try {
    execFileSync("taskset", ["-p", String(process.pid)], { stdio: "ignore" });
    return os.availableParallelism() >= 2;
  } catch {
    return false;
  }
}

/** Pins this process (every thread, and so every child it starts later) to one core. */
export function pinSelf(core: number): void {
  execFileSync("taskset", ["-a", "-p", "-c", String(core), String(process.pid)], { stdio: "ignore" });
}

/**
 * Starts a server under test as a child process on a fresh temp DATA_DIR and
 * port 0, optionally pinned to `core`, with --expose-gc and an IPC channel for
 * the memory probe (lib/server/bench-probe.ts).
 */
export async function startServer(kind: ServerKind, options: { core: number | null; cpuProfDir?: string; env?: Record<string, string> }) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `parley-bench-${kind}-`));
  // A cluster passes one AUTH_SECRET to every node, so a session made on one is valid on all.
  const authSecret = options.env?.AUTH_SECRET ?? crypto.randomBytes(32).toString("hex");
  // One folder per server: V8 writes a profile per thread (tsx's loader runs in a worker).
  const profile = options.cpuProfDir
    ? ["--cpu-prof", "--cpu-prof-dir", path.join(options.cpuProfDir, `${kind}-${new Date().toISOString().replace(/[:.]/g, "-")}`)]
    : [];
  const nodeArgs = ["--expose-gc", ...profile, "--import", "tsx", "--import", "./scripts/server-only-off.mjs", SCRIPTS[kind]];
  const [command, args] = options.core === null ? [process.execPath, nodeArgs] : ["taskset", ["-c", String(options.core), process.execPath, ...nodeArgs]];
  const child = spawn(command, args, {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe", "ipc"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: "0",
      HOST: "0.0.0.0",
      DATA_DIR: dataDir,
      AUTH_SECRET: authSecret,
      LOG_LEVEL: "info",
      SHUTDOWN_GRACE_SECONDS: "0",
      NEXT_TELEMETRY_DISABLED: "1",
      PARLEY_BENCH_PROBE: "1",
      // The generator plays many people behind one proxy: each account signs up and
      // logs in from its own X-Forwarded-For address, as it would in production.
      TRUST_PROXY: "1",
      // Their sockets all come from the generator's one address, unlike real people's,
      // and the memory and fan-out steps open many sockets per account.
      MAX_SOCKETS_PER_ADDRESS: "100000",
      MAX_SOCKETS_PER_USER: "10000",
      ...options.env,
    },
  });
  const { stdout, stderr } = child;
  if (!stdout || !stderr) throw new Error("spawn gave no output pipes");
  let log = "";
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-8000);
  };
  stdout.on("data", keep);
  stderr.on("data", keep);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));

  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${kind} did not start within 90 s:\n${log}`)), 90_000);
    const onData = () => {
      const match = /ready on http:\/\/localhost:(\d+)/.exec(log);
      if (!match) return;
      clearTimeout(timer);
      stdout.off("data", onData);
      resolve(Number(match[1]));
    };
    stdout.on("data", onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${kind} exited (${code}) before it was ready:\n${log}`));
    });
  });
  const pid = child.pid!;

  return {
    kind,
    port,
    pid,
    dataDir,
    authSecret,
    /** Loopback address 127.0.0.<host>: spreading clients over several keeps ephemeral ports free. */
    url: (host = 1) => `http://127.0.0.${host}:${port}`,
    cpuSeconds: () => processCpuSeconds(pid),
    logTail: () => log,
    alive: () => child.exitCode === null && child.signalCode === null,
    memory(): Promise<MemorySample> {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${kind} memory probe timed out`)), 30_000);
        const onMessage = (message: unknown) => {
          if ((message as { type?: string }).type !== "memory") return;
          clearTimeout(timer);
          child.off("message", onMessage);
          resolve(message as MemorySample);
        };
        child.on("message", onMessage);
        child.send({ type: "memory" });
      });
    },
    /** SIGTERM (Parley's graceful path, which also writes --cpu-prof output), then SIGKILL. */
    async stop(): Promise<number | null> {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
      const code = await exited;
      clearTimeout(timer);
      fs.rmSync(dataDir, { recursive: true, force: true });
      return code;
    },
  };
}

export type RunningServer = Awaited<ReturnType<typeof startServer>>;
