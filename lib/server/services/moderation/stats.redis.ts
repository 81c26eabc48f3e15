import "server-only";
import type Redis from "ioredis";
import type { Db } from "@/lib/server/db/client";
import type { Logger } from "@/lib/server/logger";
import type { MessageRate } from "@/lib/server/services/moderation/stats";
import { createStoreFailureLog, REDIS_PREFIX, withTimeout } from "@/lib/server/stores/redis-store";

const MINUTE = 60_000;
/** A minute's count outlives the chart's hour by a little. */
const BUCKET_TTL_MS = 62 * MINUTE;
/** The chart is read from Redis at most this often by default; the dashboard polls every few seconds. */
const REFRESH_MS = 3_000;

/**
 * Messages per minute for the whole cluster: every node INCRs the minute's counter in
 * Redis as it stores a message. `lastHour` stays synchronous (the dashboard's route reads
 * it as a value), so it answers from the last read of Redis, refreshed in the background
 * when older than `refreshMs`, plus this node's messages since. Counting fails open: when
 * Redis is down the chart shows what was read last and this node's new messages.
 */
export function createRedisMessageRate(deps: {
  redis: Redis;
  logger?: Pick<Logger, "warn">;
  prefix?: string;
  now?: () => number;
  refreshMs?: number;
}): MessageRate & { refresh(): Promise<void> } {
  const { redis } = deps;
  const now = deps.now ?? Date.now;
  const refreshMs = deps.refreshMs ?? REFRESH_MS;
  // One hash tag: the hour's 60 counters are read with one MGET, which Redis Cluster needs in one slot.
  const keyOf = (minute: number) => `${deps.prefix ?? REDIS_PREFIX}:{stats}:msg:${minute}`;
  const failed = createStoreFailureLog(deps.logger, "message-rate chart");
  let shown = new Map<number, number>();
  let readAt = -Infinity;
  let reading: Promise<void> | null = null;

  async function refresh(): Promise<void> {
    const current = Math.floor(now() / MINUTE);
    const minutes = Array.from({ length: 60 }, (_, i) => current - 59 + i);
    const started = now();
    try {
      const counts = await withTimeout(redis.mget(minutes.map(keyOf)), 2_000);
      shown = new Map(minutes.map((m, i) => [m, Number(counts[i] ?? 0)]));
    } catch (error) {
      failed(error, "the chart shows its last reading");
    } finally {
      readAt = started;
    }
  }

  return {
    record(at = now()) {
      const minute = Math.floor(at / MINUTE);
      shown.set(minute, (shown.get(minute) ?? 0) + 1);
      if (shown.size > 70) for (const m of shown.keys()) if (m <= minute - 60) shown.delete(m);
      redis
        .multi()
        .incr(keyOf(minute))
        .pexpire(keyOf(minute), BUCKET_TTL_MS)
        .exec()
        .catch((error) => failed(error, "a message was not counted in the chart"));
    },
    /**
     * Fills minutes Redis has no count for (it was empty: a first start, or it restarted)
     * from the database. SET NX, so a node starting while others count adds nothing twice.
     */
    async seed(db: Db) {
      const since = new Date(now() - 60 * MINUTE);
      const rows = await db.message.findMany({ where: { createdAt: { gte: since } }, select: { createdAt: true }, take: 200_000 });
      const perMinute = new Map<number, number>();
      for (const r of rows) {
        const minute = Math.floor(r.createdAt.getTime() / MINUTE);
        perMinute.set(minute, (perMinute.get(minute) ?? 0) + 1);
      }
      const batch = redis.multi();
      for (const [minute, count] of perMinute) batch.set(keyOf(minute), count, "PX", BUCKET_TTL_MS, "NX");
      try {
        if (perMinute.size > 0) await withTimeout(batch.exec(), 2_000);
      } catch (error) {
        failed(error, "the chart starts without the last hour");
      }
      await refresh();
    },
    lastHour() {
      const current = Math.floor(now() / MINUTE);
      if (!reading && now() - readAt >= refreshMs) reading = refresh().finally(() => (reading = null));
      return Array.from({ length: 60 }, (_, i) => {
        const minute = current - 59 + i;
        return { minute: new Date(minute * MINUTE).toISOString(), count: shown.get(minute) ?? 0 };
      });
    },
    refresh,
  };
}
