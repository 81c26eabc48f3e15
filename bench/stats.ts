import { execFileSync } from "node:child_process";
import fs from "node:fs";
import * as hdr from "hdr-histogram-js";

export interface LatencySummary {
  count: number;
  p50: number;
  p90: number;
  p99: number;
  p999: number;
  max: number;
  mean: number;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** HDR histogram in microseconds, summarised in milliseconds. */
export function latencyRecorder() {
  const histogram = hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 600_000_000, numberOfSignificantValueDigits: 3 });
  return {
    record(ms: number) {
      histogram.recordValue(Math.max(1, Math.round(ms * 1000)));
    },
    summary(): LatencySummary {
      const at = (p: number) => round2(histogram.getValueAtPercentile(p) / 1000);
      const count = histogram.totalCount;
      if (count === 0) return { count, p50: 0, p90: 0, p99: 0, p999: 0, max: 0, mean: 0 };
      return { count, p50: at(50), p90: at(90), p99: at(99), p999: at(99.9), max: round2(histogram.maxValue / 1000), mean: round2(histogram.mean / 1000) };
    },
  };
}

/** Nearest-rank percentile of a small sample. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
}

/** Least-squares slope of y over x. */
export function slope(xs: number[], ys: number[]): number {
  const n = xs.length;
  if (n < 2) return 0;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    num += (xs[i]! - mx) * (ys[i]! - my);
    den += (xs[i]! - mx) ** 2;
  }
  return den === 0 ? 0 : num / den;
}

let ticksPerSecond: number | undefined;

/** CPU seconds (user + system, all threads) a process has used, from /proc. */
export function processCpuSeconds(pid: number): number {
  try {
    ticksPerSecond ??= Number(execFileSync("getconf", ["CLK_TCK"]).toString().trim()) || 100;
  } catch {
    ticksPerSecond = 100;
  }
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // After the command name: state is field 3, utime 14, stime 15 (1-based).
    return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
  } catch {
    return Number.NaN;
  }
}

/**
 * CPU seconds all cores have spent running programs since boot (user, nice, system,
 * steal). Interrupt time is left out: on loopback that is mostly our own traffic.
 */
function machineBusySeconds(): number {
  try {
    const [, ...fields] = fs.readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/);
    const ticks = fields.slice(0, 8).map(Number);
    return (ticks[0]! + ticks[1]! + ticks[2]! + ticks[7]!) / (ticksPerSecond ?? 100);
  } catch {
    return Number.NaN;
  }
}

/**
 * Measures, over one interval, the share of one core used by this process (the
 * generator), by the server under test (summed over its nodes when given several
 * pids), and by anything else on the machine.
 */
export function cpuMeter(serverPid: number | number[]) {
  const pids = Array.isArray(serverPid) ? serverPid : [serverPid];
  const serverSeconds = () => pids.reduce((sum, pid) => sum + processCpuSeconds(pid), 0);
  const wall0 = performance.now();
  const own0 = process.cpuUsage();
  const server0 = serverSeconds();
  const machine0 = machineBusySeconds();
  return () => {
    const wall = (performance.now() - wall0) / 1000;
    const own = process.cpuUsage(own0);
    const generator = (own.user + own.system) / 1e6;
    const server = serverSeconds() - server0;
    return {
      seconds: round2(wall),
      generatorCpu: round2(generator / wall),
      serverCpu: round2(server / wall),
      /** CPU seconds the server used: divided by work done, a cost that a busy machine barely moves. */
      serverSeconds: server,
      /** Cores used by everything else on the machine: noise that makes a step untrustworthy. */
      otherCpu: round2(Math.max(0, machineBusySeconds() - machine0 - generator - server) / wall),
    };
  };
}

/** Other programs using this much of a core make a measurement untrustworthy. */
export const NOISY_CPU = 0.25;

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * On a shared machine, waits (up to `maxSeconds`) for a second in which other
 * programs use less than `threshold` of a core, so a measurement starts quiet.
 * Returns the last second's other-CPU share.
 */
export async function waitForQuiet(serverPid: number | number[], maxSeconds: number, threshold: number, log: (line: string) => void): Promise<number> {
  const deadline = performance.now() + maxSeconds * 1000;
  let other = 0;
  let said = false;
  do {
    const meter = cpuMeter(serverPid);
    await sleep(1000);
    other = meter().otherCpu;
    if (other < threshold) break;
    if (!said) log(`  waiting for other programs to calm down (${Math.round(other * 100)}% of a core)…`);
    said = true;
  } while (performance.now() < deadline);
  return other;
}
