/**
 * Search bench: p95 of representative queries through the real search service
 * (lib/server/services/search.ts) as a normal member, over a scratch database seeded
 * with `messages` messages, on SQLite and on PostgreSQL.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { Db } from "@/lib/server/db/client";
import { openDb } from "@/lib/server/db/client";
import { applyMigrations } from "@/lib/server/db/migrate";
import { migrationsDirFor, withDatabase } from "@/lib/server/db/url";
import { createSearchService } from "@/lib/server/services/search";
import type { Target } from "./report.ts";
import { ROOT } from "./server-runner.ts";
import type { Corpus } from "./search-seed.ts";
import { seedPostgres, seedSqlite } from "./search-seed.ts";
import { percentile, processCpuSeconds } from "./stats.ts";
import type { SuiteContext } from "./suite.ts";

export const SEARCH_P95_LIMIT_MS = 100;

export interface SearchQueryTiming {
  name: string;
  q: string;
  hits: number;
  p50: number;
  p95: number;
  max: number;
  /**
   * Mean CPU ms one search costs: this process (service, Prisma, SQLite) plus, on
   * PostgreSQL, its server processes for the scratch database. Unlike latency it hardly
   * moves when other programs share the cores: compare this on a busy machine.
   */
  cpuMs: number;
}

export interface SearchBenchRun {
  provider: "sqlite" | "postgresql";
  messages: number;
  seedSeconds: number;
  runs: number;
  queries: SearchQueryTiming[];
  /** The slowest query's p95: the figure held to the target. */
  p95: number;
  /** The machine's 1-minute load average before and after the queries (other programs count: on 2 cores, 8 means 4× contention). */
  loadAverage: [number, number];
}

export interface SearchResults {
  sqlite?: SearchBenchRun;
  postgresql?: SearchBenchRun;
  note?: string;
}

const queries = (c: Corpus): [string, string][] => [
  ["single word", "deploy"],
  ["phrase", '"release notes"'],
  ["from:", `from:${c.someAuthor}`],
  ["in: + word", `in:#${c.someRoom} review`],
  ["has:link", "has:link"],
  ["date range (a month)", `after:${c.monthAfter} before:${c.monthBefore}`],
  ["rare word", c.rareWord],
  ["common word", "the"],
  ["two words", "coffee meeting"],
];

const round = (n: number) => Math.round(n * 100) / 100;

async function measure(url: string, provider: SearchBenchRun["provider"], corpus: Corpus, messages: number, seedSeconds: number, runs: number) {
  const db = await openDb(url);
  const loadBefore = round(os.loadavg()[0] ?? 0);
  try {
    const search = createSearchService({ db });
    const viewer = { id: corpus.viewerId, username: corpus.viewerName, displayName: corpus.viewerName, role: "user" as const };
    const timings: SearchQueryTiming[] = [];
    for (const [name, q] of queries(corpus)) {
      let hits = 0;
      for (let i = 0; i < 2; i++) hits = (await search.search(viewer, q)).results.length;
      const samples: number[] = [];
      const backends = provider === "postgresql" ? await serverPids(db) : [];
      const cpu = () => process.cpuUsage().user / 1e6 + process.cpuUsage().system / 1e6 + backends.reduce((sum, pid) => sum + processCpuSeconds(pid), 0);
      const cpu0 = cpu();
      for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        await search.search(viewer, q);
        samples.push(performance.now() - t0);
      }
      const cpuMs = round(((cpu() - cpu0) * 1000) / runs);
      timings.push({ name, q, hits, p50: round(percentile(samples, 50)), p95: round(percentile(samples, 95)), max: round(Math.max(...samples)), cpuMs });
    }
    const loadAverage: [number, number] = [loadBefore, round(os.loadavg()[0] ?? 0)];
    return { provider, messages, seedSeconds, runs, queries: timings, p95: Math.max(...timings.map((t) => t.p95)), loadAverage };
  } finally {
    await db.$disconnect();
  }
}

/** The PostgreSQL server processes holding this client's connections (on this machine). */
async function serverPids(db: Db): Promise<number[]> {
  const rows = await db.$queryRawUnsafe<{ pid: number }[]>("SELECT pid FROM pg_stat_activity WHERE datname = current_database()");
  return rows.map((r) => Number(r.pid)).filter((pid) => fs.existsSync(`/proc/${pid}`));
}

async function onSqlite(messages: number, runs: number): Promise<SearchBenchRun> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "parley-search-bench-"));
  try {
    const file = path.join(dir, "search.db");
    const url = `file:${file}`;
    await applyMigrations(url, migrationsDirFor("sqlite", ROOT));
    const t0 = performance.now();
    const corpus = seedSqlite(file, messages);
    return await measure(url, "sqlite", corpus, messages, round((performance.now() - t0) / 1000), runs);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function onPostgres(serverUrl: string, messages: number, runs: number): Promise<SearchBenchRun> {
  const name = `parley_search_bench_${process.pid}_${Date.now().toString(36)}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 5_000 });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE "${name}"`);
  try {
    const url = withDatabase(serverUrl, name);
    await applyMigrations(url, migrationsDirFor("postgresql", ROOT));
    const t0 = performance.now();
    const corpus = await seedPostgres(url, messages);
    return await measure(url, "postgresql", corpus, messages, round((performance.now() - t0) / 1000), runs);
  } finally {
    await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  }
}

/** The search phase: 1,000,000 messages (--quick: 20,000) on both databases; PostgreSQL is skipped when unreachable. */
export async function benchSearch(ctx: SuiteContext): Promise<SearchResults> {
  const { options: o, log } = ctx;
  const messages = o.searchMessages;
  const runs = o.quick ? 10 : 40;
  const out: SearchResults = {};
  const report = (r: SearchBenchRun) =>
    log(
      `search on ${r.provider}: ${r.messages.toLocaleString("en-US")} messages seeded in ${r.seedSeconds} s, load ${r.loadAverage.join(" → ")}; slowest query p95 ${r.p95} ms (${r.queries.map((q) => `${q.name} ${q.p95}`).join(", ")})`,
    );
  log(`search: seeding ${messages.toLocaleString("en-US")} messages on SQLite`);
  out.sqlite = await onSqlite(messages, runs);
  report(out.sqlite);
  try {
    await admin0(o.postgresUrl);
  } catch (error) {
    out.note = `PostgreSQL skipped: unreachable at ${o.postgresUrl} (${error instanceof Error ? error.message : String(error)})`;
    log(`search: ${out.note}`);
    return out;
  }
  log(`search: seeding ${messages.toLocaleString("en-US")} messages on PostgreSQL`);
  out.postgresql = await onPostgres(o.postgresUrl, messages, runs);
  report(out.postgresql);
  return out;
}

async function admin0(serverUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 3_000 });
  await client.connect();
  await client.end();
}

export function searchTargets(s: SearchResults | undefined): Target[] {
  if (!s) return [];
  return (["sqlite", "postgresql"] as const).map((provider) => {
    const r = s[provider];
    return {
      name: `search p95, slowest of ${queries({} as Corpus).length} queries, ${r ? r.messages.toLocaleString("en-US") : "?"} messages (${provider === "sqlite" ? "SQLite" : "PostgreSQL"})`,
      target: `< ${SEARCH_P95_LIMIT_MS} ms`,
      value: r ? `${r.p95} ms` : "—",
      pass: r ? r.p95 < SEARCH_P95_LIMIT_MS : null,
    };
  });
}

export function searchMarkdown(s: SearchResults | undefined): string[] {
  if (!s || (!s.sqlite && !s.postgresql)) return s?.note ? ["", `Search: ${s.note}`] : [];
  const runs = [s.sqlite, s.postgresql].filter((r): r is SearchBenchRun => r !== undefined);
  const lines = [
    "",
    `Search (as a member of 12 of 50 rooms, page 1 of 20 results, ${runs[0]?.runs} runs per query after 2 warm-ups; ms, CPU: mean CPU ms per search, this process + its PostgreSQL server processes):`,
    "",
    `| query | ${runs.map((r) => `${r.provider} p50 / p95 / max (CPU)`).join(" | ")} | hits |`,
    `|---|${runs.map(() => "---|").join("")}---|`,
  ];
  for (const [i, q] of (runs[0]?.queries ?? []).entries())
    lines.push(
      `| ${q.name}: \`${q.q}\` | ${runs.map((r) => `${r.queries[i]?.p50} / ${r.queries[i]?.p95} / ${r.queries[i]?.max} (${r.queries[i]?.cpuMs})`).join(" | ")} | ${q.hits} |`,
    );
  lines.push(
    "",
    runs
      .map(
        (r) =>
          `${r.provider}: ${r.messages.toLocaleString("en-US")} messages seeded in ${r.seedSeconds} s; load average ${r.loadAverage[0]} → ${r.loadAverage[1]} on ${os.cpus().length} cores.`,
      )
      .join(" "),
  );
  if (s.note) lines.push("", s.note);
  return lines;
}
