import { parseArgs } from "node:util";

export const PHASES = ["fanout", "durable", "catchup", "memory", "web", "cluster", "upload"] as const;
export type Phase = (typeof PHASES)[number];

export interface BenchOptions {
  quick: boolean;
  clients: number;
  users: number;
  publishers: number;
  rates: number[];
  refRate: number;
  stepSeconds: number;
  drainSeconds: number;
  ackRate: number;
  ackSenders: number;
  seconds: number;
  senders: number;
  window: number;
  memMax: number;
  memStep: number;
  memUsers: number;
  loads: number;
  /** Catch-up phase: seconds each reader stays away, how many readers (one after another), the room's load. */
  catchupSeconds: number;
  catchupReps: number;
  catchupRate: number;
  catchupChanges: number;
  phases: Set<Phase>;
  baseline: boolean;
  cpuProf: boolean;
  build: boolean;
  out: string | null;
  maxGeneratorCpu: number;
  p99LimitMs: number;
  /** Fan-out rates of the cluster phase (one node vs two on PostgreSQL + Redis). */
  clusterRates: number[];
  /** Cores the cluster's two nodes are pinned to (when pinning is possible). */
  clusterCores: [number, number];
  postgresUrl: string;
  redisUrl: string;
  /** How long to wait for a quiet machine before a measurement (0 in --quick: a smoke run measures nothing). */
  quietSeconds: number;
}

const USAGE = `npm run bench -- [--quick] [flags]
  --clients N        sockets in the room for fan-out            (default 1000; quick 100)
  --users N          real accounts; sockets share their cookies (default 50; quick 10)
  --publishers N     sockets that send during fan-out           (at least top rate / 0.5: one user sends ≤ 0.5 msg/s)
  --rates a,b,…      fan-out messages/s to step through         (default 10,20,40,60,80,100; quick 10,20)
  --ref-rate R       load at which latency ratios are headlined (default 20)
  --step-seconds S   length of each fan-out step                (default 5; quick 2)
  --ack-rate R       messages/s for the durable-ack latency     (default 100)
  --seconds S        length of the ack and throughput runs      (default 5; quick 2)
  --senders N        admin sockets sending at once, stored msgs/s (default 10)
  --window N         messages each sender keeps in flight       (default 32)
  --mem-max N        idle sockets at the last memory step       (default 10000; quick 400)
  --mem-step N       idle sockets added per memory step         (default 1000; quick 200)
  --loads N          cold Chromium loads of the chat page       (default 20; quick 2)
  --catchup-seconds S  catch-up: seconds a reader stays disconnected   (default 60; quick 5)
  --catchup-reps N     catch-up: readers that leave and come back     (default 3; quick 1)
  --catchup-rate R     catch-up: messages/s in the room meanwhile     (default 20)
  --catchup-changes R  catch-up: edits, deletions, reactions/s        (default 10)
  --cluster-rates a,b  cluster phase fan-out msgs/s, 1 node then 2 (default 10,20,40; quick 5)
  --cluster-cores a,b  cores for the two cluster nodes            (default 0,1: node B shares the generator's core)
  --pg-url URL       PostgreSQL server for the cluster phase    (default postgresql://postgres@127.0.0.1:5432/postgres)
  --redis-url URL    Redis for the cluster phase                (default redis://127.0.0.1:6379)
  --only a,b         phases: ${PHASES.join(",")}         (default all)
  --no-baseline      skip the bare Socket.IO baseline
  --cpu-prof         write server CPU profiles to bench/results/profiles/
  --build            run \`next build\` first (otherwise only when .next has no build)
  --out FILE         results file (default bench/results/<date>.json)`;

export function parseOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: "boolean", default: false },
      clients: { type: "string" },
      users: { type: "string" },
      publishers: { type: "string" },
      rates: { type: "string" },
      "ref-rate": { type: "string" },
      "step-seconds": { type: "string" },
      "ack-rate": { type: "string" },
      seconds: { type: "string" },
      senders: { type: "string" },
      window: { type: "string" },
      "mem-max": { type: "string" },
      "mem-step": { type: "string" },
      loads: { type: "string" },
      "catchup-seconds": { type: "string" },
      "catchup-reps": { type: "string" },
      "catchup-rate": { type: "string" },
      "catchup-changes": { type: "string" },
      only: { type: "string" },
      "cluster-rates": { type: "string" },
      "cluster-cores": { type: "string" },
      "pg-url": { type: "string" },
      "redis-url": { type: "string" },
      "no-baseline": { type: "boolean", default: false },
      "cpu-prof": { type: "boolean", default: false },
      build: { type: "boolean", default: false },
      out: { type: "string" },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const quick = values.quick;
  const num = (value: string | undefined, normal: number, fast = normal) => {
    const n = value === undefined ? (quick ? fast : normal) : Number(value);
    if (!Number.isFinite(n) || n < 0) throw new Error(`Not a number: ${value}\n\n${USAGE}`);
    return n;
  };
  const phases = (values.only ?? PHASES.join(",")).split(",").map((p) => p.trim());
  for (const phase of phases) if (!PHASES.includes(phase as Phase)) throw new Error(`Unknown phase "${phase}"\n\n${USAGE}`);
  const rates = (values.rates ?? (quick ? "10,20" : "10,20,40,60,80,100")).split(",").map(Number);
  if (rates.some((r) => !(r > 0))) throw new Error(`Bad --rates\n\n${USAGE}`);
  const clusterRates = (values["cluster-rates"] ?? (quick ? "5" : "10,20,40")).split(",").map(Number);
  if (clusterRates.some((r) => !(r > 0))) throw new Error(`Bad --cluster-rates\n\n${USAGE}`);
  const clusterCores = (values["cluster-cores"] ?? "0,1").split(",").map(Number);
  if (clusterCores.length !== 2 || clusterCores.some((c) => !Number.isInteger(c) || c < 0)) throw new Error(`Bad --cluster-cores\n\n${USAGE}`);
  const options: BenchOptions = {
    quick,
    clients: num(values.clients, 1000, 100),
    users: num(values.users, 50, 10),
    publishers: num(values.publishers, 10, 5),
    rates,
    refRate: num(values["ref-rate"], 20),
    stepSeconds: num(values["step-seconds"], 5, 2),
    drainSeconds: quick ? 10 : 15,
    ackRate: num(values["ack-rate"], 100),
    ackSenders: 10,
    seconds: num(values.seconds, 5, 2),
    senders: num(values.senders, 10),
    window: num(values.window, 32),
    memMax: num(values["mem-max"], 10_000, 400),
    memStep: num(values["mem-step"], 1000, 200),
    memUsers: quick ? 5 : 10,
    loads: num(values.loads, 20, 2),
    catchupSeconds: num(values["catchup-seconds"], 60, 5),
    catchupReps: Math.max(1, Math.round(num(values["catchup-reps"], 3, 1))),
    catchupRate: num(values["catchup-rate"], 20),
    catchupChanges: num(values["catchup-changes"], 10),
    phases: new Set(phases as Phase[]),
    baseline: !values["no-baseline"],
    cpuProf: values["cpu-prof"],
    build: values.build,
    out: values.out ?? null,
    maxGeneratorCpu: 0.8,
    p99LimitMs: 200,
    quietSeconds: quick ? 0 : 20,
    clusterRates,
    clusterCores: clusterCores as [number, number],
    postgresUrl: values["pg-url"] ?? "postgresql://postgres@127.0.0.1:5432/postgres",
    redisUrl: values["redis-url"] ?? "redis://127.0.0.1:6379",
  };
  if (!(options.catchupRate > 0)) throw new Error(`Bad --catchup-rate\n\n${USAGE}`);
  if (options.publishers > options.clients) throw new Error("--publishers must be ≤ --clients");
  return options;
}
