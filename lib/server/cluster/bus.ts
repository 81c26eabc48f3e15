import "server-only";
import { randomUUID } from "node:crypto";
import type Redis from "ioredis";
import { z } from "zod";
import type { Logger } from "@/lib/server/logger";

/**
 * What one node changed that other nodes keep in memory (caches, and the user each live
 * socket carries). The node that made the change applies it itself; the bus tells the
 * others. Delivery is best effort (Redis pub/sub): when the connection to Redis comes
 * back after a loss, every node hears `{ kind: "all" }` and drops all its caches, so a
 * notice missed meanwhile costs a reload, never a stale rule.
 */
export const clusterEventSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("all") }),
  z.object({ kind: z.literal("room"), roomId: z.string().max(64) }),
  z.object({ kind: z.literal("sanctions"), userId: z.string().max(64), ipBans: z.boolean() }),
  z.object({ kind: z.literal("settings") }),
  /** The server ended this browser session: its sockets are gone for good (no presence grace). */
  z.object({ kind: z.literal("session-ended"), sessionId: z.string().max(64) }),
  z.object({
    kind: z.literal("user"),
    userId: z.string().max(64),
    role: z.enum(["user", "moderator", "admin"]).optional(),
    displayName: z.string().max(200).optional(),
    avatarUrl: z.string().max(500).nullable().optional(),
  }),
]);
export type ClusterEvent = z.infer<typeof clusterEventSchema>;
export type ClusterListener = (event: ClusterEvent) => void;

export interface ClusterBus {
  /** Applies the event here (synchronously) and tells every other node. */
  publish(event: ClusterEvent): void;
  subscribe(listener: ClusterListener): () => void;
  /** Redis went away (`false`) or came back (`true`); never called for the local bus. */
  onLink(listener: (up: boolean) => void): () => void;
  close(): void;
}

function fanOut(listeners: Set<ClusterListener>, event: ClusterEvent, logger?: Logger) {
  for (const listener of listeners) {
    try {
      listener(event);
    } catch (error) {
      logger?.error(`cluster event ${event.kind} failed`, error);
    }
  }
}

/** One process: publishing is applying. */
export function createLocalBus(): ClusterBus {
  const listeners = new Set<ClusterListener>();
  return {
    publish: (event) => fanOut(listeners, event),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onLink: () => () => undefined,
    close: () => listeners.clear(),
  };
}

/** Several nodes: Redis pub/sub on its own connection (a subscribed connection can do nothing else). */
export function createRedisBus(redis: Redis, logger: Logger, channel: string): ClusterBus {
  const listeners = new Set<ClusterListener>();
  const links = new Set<(up: boolean) => void>();
  const origin = randomUUID();
  const sub = redis.duplicate({ enableAutoPipelining: false });
  let lost = false;
  sub.on("error", () => undefined); // reported once below, not per retry
  sub.on("close", () => {
    if (lost) return;
    logger.warn("Redis connection lost: this node serves its own sockets; other nodes' messages arrive again once it is back");
    lost = true;
    for (const link of links) link(false);
  });
  sub.on("ready", () => {
    if (!lost) return;
    lost = false;
    logger.info("Redis connection back: dropping cached rooms, sanctions and settings; clients catch up");
    fanOut(listeners, { kind: "all" }, logger);
    for (const link of links) link(true);
  });
  void sub.subscribe(channel).catch((error: unknown) => logger.error("cluster bus subscribe failed", error));
  sub.on("message", (from: string, raw: string) => {
    if (from !== channel) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      return;
    }
    const envelope = z.object({ origin: z.string(), event: clusterEventSchema }).safeParse(parsed);
    if (!envelope.success || envelope.data.origin === origin) return;
    fanOut(listeners, envelope.data.event, logger);
  });

  return {
    publish(event) {
      fanOut(listeners, event, logger);
      redis
        .publish(channel, JSON.stringify({ origin, event }))
        .catch((error: unknown) =>
          logger.warn(`cluster event ${event.kind} not published (Redis unavailable)`, error instanceof Error ? error.message : error),
        );
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onLink(listener) {
      links.add(listener);
      return () => links.delete(listener);
    },
    close() {
      listeners.clear();
      links.clear();
      sub.disconnect();
    },
  };
}
