import "server-only";
import type Redis from "ioredis";
import type { Db } from "@/lib/server/db/client";

/** A load balancer probes every few seconds: a dead dependency must answer "no" quickly, not hang. */
export const READINESS_TIMEOUT_MS = 2_000;

export type DependencyState = "ok" | "failed" | "timeout";

export interface Readiness {
  status: "ok" | "unavailable";
  checks: { database: DependencyState; redis?: DependencyState };
  /** Present when unavailable: which dependency failed, as a sentence. */
  message?: string;
}

export interface ReadinessDeps {
  db: Pick<Db, "$queryRaw">;
  redis?: Pick<Redis, "ping">;
  /** The node is in its shutdown grace period: still serving its people, taking no new ones. */
  draining?: boolean;
  timeoutMs?: number;
}

async function probe(run: () => Promise<unknown>, timeoutMs: number): Promise<DependencyState> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<DependencyState>((resolve) => {
    timer = setTimeout(() => resolve("timeout"), timeoutMs);
  });
  try {
    return await Promise.race([
      run().then(
        (): DependencyState => "ok",
        (): DependencyState => "failed",
      ),
      timedOut,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

function describeFailure(name: string, state: DependencyState, timeoutMs: number): string {
  return state === "timeout" ? `${name} did not answer within ${timeoutMs / 1000} s.` : `${name} refused the check.`;
}

/**
 * Whether this node can serve: the database answers `SELECT 1` and, when configured, Redis
 * answers PING — and it is not shutting down.
 */
export async function checkReadiness({ db, redis, draining = false, timeoutMs = READINESS_TIMEOUT_MS }: ReadinessDeps): Promise<Readiness> {
  const [database, redisState] = await Promise.all([
    probe(() => db.$queryRaw`SELECT 1`, timeoutMs),
    redis ? probe(() => redis.ping(), timeoutMs) : Promise.resolve(undefined),
  ]);
  const checks: Readiness["checks"] = redisState ? { database, redis: redisState } : { database };
  const failures = [
    draining ? "This node is shutting down." : null,
    database !== "ok" ? describeFailure("The database", database, timeoutMs) : null,
    redisState && redisState !== "ok" ? describeFailure("Redis", redisState, timeoutMs) : null,
  ].filter((line): line is string => line !== null);
  return failures.length === 0 ? { status: "ok", checks } : { status: "unavailable", checks, message: failures.join(" ") };
}
