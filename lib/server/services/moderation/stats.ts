import "server-only";
import type { Db } from "@/lib/server/db/client";

const MINUTE = 60_000;

export interface MessageRate {
  /** A message was stored (now, unless `at` says when). */
  record(at?: number): void;
  /** Counts the last hour's stored messages, at start. */
  seed(db: Db): Promise<void>;
  /** 60 points, oldest first; each `minute` is an ISO timestamp of the minute's start. */
  lastHour(): Array<{ minute: string; count: number }>;
}

/**
 * Messages per minute for the last hour, counted in memory as messages are stored,
 * seeded from the database at start. One node's view: stats.redis.ts counts the cluster.
 */
export function createMessageRate(now: () => number = Date.now): MessageRate {
  const buckets = new Map<number, number>();
  const prune = (current: number) => {
    for (const key of buckets.keys()) if (key <= current - 60) buckets.delete(key);
  };
  return {
    record(at = now()): void {
      const minute = Math.floor(at / MINUTE);
      buckets.set(minute, (buckets.get(minute) ?? 0) + 1);
      if (buckets.size > 70) prune(minute);
    },
    async seed(db: Db): Promise<void> {
      const since = new Date(now() - 60 * MINUTE);
      const rows = await db.message.findMany({ where: { createdAt: { gte: since } }, select: { createdAt: true }, take: 200_000 });
      for (const r of rows) this.record(r.createdAt.getTime());
    },
    lastHour() {
      const current = Math.floor(now() / MINUTE);
      prune(current);
      return Array.from({ length: 60 }, (_, i) => {
        const minute = current - 59 + i;
        return { minute: new Date(minute * MINUTE).toISOString(), count: buckets.get(minute) ?? 0 };
      });
    },
  };
}
