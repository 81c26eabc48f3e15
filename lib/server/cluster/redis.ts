import "server-only";
import Redis from "ioredis";
import type { RedisOptions } from "ioredis";

/**
 * The one Redis client of a node. Errors are reported through `onError` (ioredis prints
 * "Unhandled error event" on every reconnect attempt otherwise), and so are those of the
 * connections duplicated from it (the Socket.IO adapter's readers, the cluster bus).
 * Auto-pipelining: the several small reads of one message (limits, slow mode, presence)
 * share a round trip.
 */
export function createRedisClient(url: string, onError: (error: Error) => void, options: RedisOptions = {}): Redis {
  const client = new Redis(url, { maxRetriesPerRequest: 2, enableAutoPipelining: true, ...options });
  client.on("error", onError);
  const duplicate = client.duplicate.bind(client);
  client.duplicate = (override?: Partial<RedisOptions>) => {
    const copy = duplicate(override);
    copy.on("error", onError);
    return copy;
  };
  return client;
}
