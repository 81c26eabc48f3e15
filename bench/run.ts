/**
 * `npm run bench`: Parley against a bare Socket.IO baseline, same generator, same
 * run. See bench/README.md for how to read the output.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { health } from "./clients.ts";
import { parseOptions } from "./options.ts";
import { summarizeProfile } from "./profile-summary.ts";
import type { Results } from "./report.ts";
import { evaluate, integrityProblems, renderMarkdown, writeResults } from "./report.ts";
import { hasTaskset, pinSelf, ROOT } from "./server-runner.ts";
import { benchCluster } from "./cluster.ts";
import { benchServer } from "./suite.ts";
import { firstLoadJsOverBudget } from "./web.ts";

const options = parseOptions(process.argv.slice(2));
const started = performance.now();
const log = (line: string) =>
  console.error(
    `[${Math.round((performance.now() - started) / 1000)
      .toString()
      .padStart(4)} s] ${line}`,
  );

if (options.build || !fs.existsSync(path.join(ROOT, ".next", "BUILD_ID"))) {
  log("building Parley (next build)…");
  const build = spawnSync("npx", ["next", "build"], {
    cwd: ROOT,
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (build.status !== 0) throw new Error("next build failed");
}

const cpus = os.availableParallelism();
const pinned = hasTaskset();
// The generator takes core 1 (and Chromium, started from here, inherits it); servers get core 0.
if (pinned) pinSelf(1);
const cpuProfDir = options.cpuProf ? path.join(ROOT, "bench", "results", "profiles") : undefined;
if (cpuProfDir) fs.mkdirSync(cpuProfDir, { recursive: true });
const profilesBefore = new Set(cpuProfDir ? fs.readdirSync(cpuProfDir) : []);

const date = new Date().toISOString();
const results: Results = {
  date,
  quick: options.quick,
  seconds: 0,
  machine: {
    cpus,
    cpuModel: os.cpus()[0]?.model ?? "unknown",
    node: process.version,
    pinned,
    ...(pinned ? {} : { note: "taskset missing or < 2 cores: numbers are not comparable" }),
  },
  options: { ...options, phases: [...options.phases] },
  baseline: {},
  parley: {},
  web: {},
  ratios: {},
  targets: [],
  problems: [],
};

let crashed: unknown = null;
try {
  const ctx = { options, core: pinned ? 0 : null, cpuProfDir, log };
  // The single-server phases on the embedded default (SQLite); skipped entirely by `--only cluster`.
  if ([...options.phases].some((phase) => phase !== "cluster")) {
    // The baseline has no accounts, history or changes: only memory, fan-out and durable compare.
    const compared = ["memory", "fanout", "durable"] as const;
    if (options.baseline && compared.some((phase) => options.phases.has(phase))) await benchServer("baseline", ctx, results.baseline, results.web);
    await benchServer("parley", ctx, results.parley, results.web);
  }
  if (options.phases.has("cluster")) {
    results.cluster = { oneNode: {}, twoNodes: {} };
    await benchCluster(ctx, results.cluster);
  }
} catch (error) {
  crashed = error;
  log(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
}

results.seconds = Math.round((performance.now() - started) / 1000);
results.problems = integrityProblems(results);
if (health.connectRetries) log(`note: ${health.connectRetries} handshakes were retried (${[...health.reasons].join("; ")})`);
if (health.unexpectedDisconnects) results.problems.push(`${health.unexpectedDisconnects} sockets dropped unexpectedly (${[...health.reasons].join(", ")})`);
if (crashed) results.problems.push(`did not complete: ${crashed instanceof Error ? crashed.message.split("\n")[0] : String(crashed)}`);
evaluate(results, options.refRate);

const out = options.out ?? path.join(ROOT, "bench", "results", `${date.slice(0, 10)}${options.quick ? "-quick" : ""}.json`);
writeResults(results, out);
console.log(renderMarkdown(results));
console.log(`\nResults: ${path.relative(process.cwd(), out)}`);
if (cpuProfDir) {
  for (const dir of fs.readdirSync(cpuProfDir).filter((f) => !profilesBefore.has(f))) {
    // Thread 0 is the main thread, where Socket.IO, Prisma and the handlers run.
    const main = fs.readdirSync(path.join(cpuProfDir, dir)).find((f) => /\.0\.\d+\.cpuprofile$/.test(f));
    if (main) console.log(`\n${summarizeProfile(path.join(cpuProfDir, dir, main))}`);
  }
}
// Bytes do not depend on how busy the machine is, so even the smoke run holds the page to its budget.
const overBudget = firstLoadJsOverBudget(results.web.firstLoadJs);
if (overBudget) console.error(`\nFAIL: ${overBudget}`);
// The smoke run fails on a crash, on any loss/duplicate or on a page over its JS budget, never on speed.
process.exit(crashed || results.problems.length > 0 || overBudget ? 1 : 0);
