import { spawn } from "node:child_process";
import path from "node:path";
import { startTestServer } from "@/tests/socket-harness";

/**
 * Parley's realtime server (bootstrap, message writer, Socket.IO, routes) in a process
 * of its own on DATA_DIR, for tests that kill it: `node --import tsx` as `npm start`
 * runs server.ts, minus Next's pages, which would need a `next build` first and play
 * no part in storing a message.
 */
async function main() {
  const dataDir = process.env.DATA_DIR;
  if (!dataDir) throw new Error("DATA_DIR is required");
  // The test's database (a PostgreSQL one outlives each killed process); else the SQLite file in DATA_DIR.
  const url = process.env.PARLEY_TEST_PROCESS_DATABASE_URL;
  // A cluster node: Redis and the test cluster's key prefix.
  const redisUrl = process.env.PARLEY_TEST_PROCESS_REDIS_URL;
  const redis = redisUrl ? { url: redisUrl, prefix: process.env.PARLEY_TEST_PROCESS_REDIS_PREFIX ?? "parley" } : undefined;
  const server = await startTestServer({ dataDir, redis, ...(url ? { database: { url, drop: async () => {} } } : {}) });
  // The test holds our stdin: if it dies without killing us, we go too.
  process.stdin.resume();
  process.stdin.once("end", () => process.exit(0));
  process.stdout.write(`READY ${server.url}\n`);
}

const isEntry = process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename);
if (isEntry) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}

export interface RealtimeProcess {
  url: string;
  /** kill -9: no shutdown handler, no drain, no close. Resolves once the process is gone. */
  kill: () => Promise<void>;
}

/** Starts this file as a child process on `dataDir` (and `databaseUrl`, when given) and resolves once it accepts sockets. */
export function startRealtimeProcess(
  dataDir: string,
  options: { databaseUrl?: string; redis?: { url: string; prefix: string }; timeoutMs?: number } = {},
): Promise<RealtimeProcess> {
  const { databaseUrl, redis, timeoutMs = 30_000 } = options;
  const child = spawn(process.execPath, ["--import", "tsx", "--import", "./scripts/server-only-off.mjs", import.meta.filename], {
    cwd: path.resolve(import.meta.dirname, ".."),
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      ...(databaseUrl ? { PARLEY_TEST_PROCESS_DATABASE_URL: databaseUrl } : {}),
      ...(redis ? { PARLEY_TEST_PROCESS_REDIS_URL: redis.url, PARLEY_TEST_PROCESS_REDIS_PREFIX: redis.prefix } : {}),
    },
    stdio: ["pipe", "pipe", "pipe"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  let log = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`not ready within ${timeoutMs} ms:\n${log}`));
    }, timeoutMs);
    child.stderr.on("data", (d: Buffer) => (log += d.toString()));
    child.stdout.on("data", (d: Buffer) => {
      log += d.toString();
      const url = /READY (\S+)/.exec(log)?.[1];
      if (!url) return;
      clearTimeout(timer);
      resolve({
        url,
        kill: async () => {
          if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
          await exited;
        },
      });
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`exited before it was ready:\n${log}`));
    });
  });
}
