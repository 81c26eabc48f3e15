import "server-only";
import type { Logger } from "@/lib/server/logger";

/** Default key prefix of every shared store; tests pass their own so runs never collide. */
export const REDIS_PREFIX = "parley";

/**
 * How long a Redis call on a person's path (a message, a handshake, a typing event)
 * may take before the store gives up and falls back. ioredis queues commands while it
 * reconnects, so without this a Redis outage would hang the request.
 */
export const REDIS_STORE_TIMEOUT_MS = 500;

export function withTimeout<T>(promise: Promise<T>, ms = REDIS_STORE_TIMEOUT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Redis did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * A warning for a store that fell back because Redis failed, at most once per
 * `everyMs`: an outage would otherwise log one line per message.
 */
export function createStoreFailureLog(logger: Pick<Logger, "warn"> | undefined, store: string, everyMs = 10_000) {
  let lastAt = -Infinity;
  let missed = 0;
  return (error: unknown, fallback: string): void => {
    const at = Date.now();
    if (at - lastAt < everyMs) {
      missed += 1;
      return;
    }
    const also = missed > 0 ? ` (and ${missed} more since the last warning)` : "";
    lastAt = at;
    missed = 0;
    (logger ?? console).warn(`${store}: Redis failed, ${fallback}${also}`, error instanceof Error ? error.message : error);
  };
}

/** The clock every node agrees on, in ms; scripts read it so nodes' clocks never disagree. */
export const LUA_NOW = `
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
`;
