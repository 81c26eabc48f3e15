/**
 * Where a server spent its CPU: self time per function and per package, from a
 * V8 .cpuprofile (written by `npm run bench -- --cpu-prof`).
 * Usage: npx tsx bench/profile-summary.ts FILE.cpuprofile [top] [from-s to-s]
 * A profile covers the whole server run (start-up, sign-ups, handshakes); the summary
 * starts with busy ms per second of the run, so a phase can be picked out with from/to.
 */
import fs from "node:fs";
import { pathToFileURL } from "node:url";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function packageOf(url: string): string {
  if (!url) return "(native/V8)";
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url.replace(/.*node_modules\/\.pnpm\/[^/]+\//, ""));
  if (match) return match[1]!;
  if (url.startsWith("node:")) return "node:*";
  return url.includes("/.next/") ? "(next build)" : "(parley)";
}

export function summarizeProfile(file: string, top = 15, window?: { from: number; to: number }): string {
  const profile = JSON.parse(fs.readFileSync(file, "utf8")) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const isIdle = (id: number) => byId.get(id)?.callFrame.functionName === "(idle)";
  const selfMs = new Map<number, number>();
  const busyPerSecond: number[] = [];
  let elapsedMs = 0;
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    elapsedMs += ms;
    const second = Math.floor(elapsedMs / 1000);
    if (!isIdle(id)) busyPerSecond[second] = (busyPerSecond[second] ?? 0) + ms;
    if (window && (elapsedMs < window.from * 1000 || elapsedMs >= window.to * 1000)) return;
    selfMs.set(id, (selfMs.get(id) ?? 0) + ms);
  });
  // Idle time says nothing about cost; percentages are of the busy time.
  for (const id of [...selfMs.keys()]) if (isIdle(id)) selfMs.delete(id);
  const total = [...selfMs.values()].reduce((a, b) => a + b, 0);
  const byFunction = new Map<string, number>();
  const byPackage = new Map<string, number>();
  for (const [id, ms] of selfMs) {
    const frame = byId.get(id)!.callFrame;
    const where = frame.url ? `${frame.url.replace(/^file:\/\/.*?node_modules\//, "")}:${frame.lineNumber + 1}` : "";
    const key = `${frame.functionName || "(anonymous)"} ${where}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + ms);
    byPackage.set(packageOf(frame.url), (byPackage.get(packageOf(frame.url)) ?? 0) + ms);
  }
  const rows = (map: Map<string, number>) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([key, ms]) => `  ${((ms / total) * 100).toFixed(1).padStart(5)}%  ${Math.round(ms).toString().padStart(7)} ms  ${key}`);
  const timeline = Array.from(busyPerSecond, (ms, second) => `${second}s:${Math.round(ms ?? 0)}`).join(" ");
  const span = window ? ` between ${window.from} s and ${window.to} s` : "";
  return [
    `${file}: ${Math.round(total)} ms busy${span}`,
    ` busy ms per second: ${timeline}`,
    " by package:",
    ...rows(byPackage),
    " by function (self time):",
    ...rows(byFunction),
  ].join("\n");
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const [file, top, from, to] = process.argv.slice(2);
  if (!file) {
    console.error("usage: npx tsx bench/profile-summary.ts FILE.cpuprofile [top] [from-s to-s]");
    process.exit(2);
  }
  const window = from !== undefined && to !== undefined ? { from: Number(from), to: Number(to) } : undefined;
  console.log(summarizeProfile(file, Number(top ?? 25), window));
}
