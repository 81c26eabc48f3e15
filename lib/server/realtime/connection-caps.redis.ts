import "server-only";
import crypto from "node:crypto";
import type Redis from "ioredis";
import type { Logger } from "@/lib/server/logger";
import type { ConnectionCapGuard, ConnectionCaps } from "@/lib/server/realtime/connection-caps";
import { tooManyForUser, tooManyFromAddress } from "@/lib/server/realtime/connection-caps";
import type { ParleyServer, ParleySocket } from "@/lib/server/realtime/types";
import { createStoreFailureLog, LUA_NOW, REDIS_PREFIX, withTimeout } from "@/lib/server/stores/redis-store";

export interface NodeLiveness {
  /** How often a node says it is alive. */
  heartbeatMs: number;
  /** A node silent this long is dead: its sockets stop counting (within one more heartbeat of the others). */
  deadAfterMs: number;
}

const LIVENESS: NodeLiveness = { heartbeatMs: 5_000, deadAfterMs: 20_000 };
/** Dead nodes are remembered this long, so their leftover counts are deleted, not just ignored. */
const FORGET_NODE_MS = 3_600_000;
/** A count hash untouched this long expires; nodes holding sockets renew theirs well before. */
const KEY_TTL_MS = 10 * 60_000;

/**
 * KEYS: the nodes' sorted set (node → last heartbeat). ARGV: node id, forget ms. Returns
 * Redis's now, 1 when this node was not listed (Redis lost its data), and every node with its heartbeat.
 */
const HEARTBEAT = `${LUA_NOW}
local added = redis.call('ZADD', KEYS[1], now, ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - tonumber(ARGV[2]))
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return {now, added, redis.call('ZRANGE', KEYS[1], 0, -1, 'WITHSCORES')}
`;

/**
 * Counts one user's (or address's) sockets on every node and takes one more if the cap
 * allows, in one step. KEYS: the hash (node → sockets). ARGV: cap, node id, ttl ms, then
 * the dead nodes, whose fields are deleted first. Every other field counts, also one of
 * a node that started since this node last looked.
 */
const RESERVE = `
for i = 4, #ARGV do redis.call('HDEL', KEYS[1], ARGV[i]) end
local total, fields = 0, redis.call('HGETALL', KEYS[1])
for i = 2, #fields, 2 do total = total + tonumber(fields[i]) end
if total >= tonumber(ARGV[1]) then return 0 end
redis.call('HINCRBY', KEYS[1], ARGV[2], 1)
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return 1
`;

/**
 * KEYS: a hash this node holds sockets in. ARGV: ttl ms, node id, its count, then the
 * dead nodes. Keeps the hash alive, drops dead nodes' leftovers, and puts this node's
 * count back if Redis lost it (HSETNX: a count Redis has is never overwritten, so a
 * reservation in flight cannot be undone).
 */
const RENEW = `
for i = 4, #ARGV do redis.call('HDEL', KEYS[1], ARGV[i]) end
redis.call('HSETNX', KEYS[1], ARGV[2], ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return 0
`;

const RELEASE = `
if redis.call('HINCRBY', KEYS[1], ARGV[1], -1) <= 0 then redis.call('HDEL', KEYS[1], ARGV[1]) end
return 0
`;

/** Which of a socket's two counts were taken (a count Redis failed to take is not given back). */
const USER = 1;
const ADDRESS = 2;

/**
 * The caps counted across every node: per node, a field in a hash per user and per
 * address, so a node that dies (kill -9, no disconnects) stops counting once its
 * heartbeat is `deadAfterMs` old. Decides after two Redis round trips instead of
 * synchronously; each count-and-take is atomic, so parallel handshakes on several nodes
 * cannot all slip past one count. Fails open: when Redis is down or slow the connection
 * is let in uncounted (with a log line) rather than nobody being able to connect.
 */
export function createRedisConnectionCaps(
  io: ParleyServer,
  caps: ConnectionCaps,
  deps: { redis: Redis; logger?: Pick<Logger, "warn">; prefix?: string; liveness?: NodeLiveness },
): ConnectionCapGuard & { nodeId: string; stop(): void } {
  const { redis } = deps;
  const liveness = deps.liveness ?? LIVENESS;
  const prefix = `${deps.prefix ?? REDIS_PREFIX}:caps`;
  const nodesKey = `${prefix}:nodes`;
  const userKey = (userId: string) => `${prefix}:{u:${userId}}`;
  const addressKey = (ip: string) => `${prefix}:{a:${ip}}`;
  const nodeId = crypto.randomUUID();
  const failed = createStoreFailureLog(deps.logger, "connection caps");
  const held = new Map<string, number>();
  /** This node's count per hash, to renew the hashes while sockets stay (and restore them if Redis lost them). */
  const mine = new Map<string, number>();
  let dead: string[] = [];
  let beats = 0;
  let lastBeatAt = Date.now();

  async function heartbeat(): Promise<void> {
    let lost = false;
    try {
      const [now, added, entries] = (await withTimeout(redis.eval(HEARTBEAT, 1, nodesKey, nodeId, FORGET_NODE_MS))) as [number, number, string[]];
      dead = [];
      for (let i = 0; i < entries.length; i += 2) if (entries[i] !== nodeId && Number(entries[i + 1]) <= now - liveness.deadAfterMs) dead.push(entries[i]!);
      // Redis restarted (we were not listed), or we were silent long enough to be taken
      // for dead and have our counts deleted: put them back now.
      lost = (beats > 0 && Number(added) === 1) || Date.now() - lastBeatAt > liveness.deadAfterMs;
      lastBeatAt = Date.now();
    } catch (error) {
      failed(error, "using the last known list of dead nodes");
    }
    beats += 1;
    if (lost || beats % Math.max(1, Math.floor(KEY_TTL_MS / 3 / liveness.heartbeatMs)) === 0) renew();
  }

  /** One small script per hash, pipelined: each touches one key, as Redis Cluster needs. */
  function renew(): void {
    if (mine.size === 0) return;
    const batch = redis.pipeline();
    for (const [key, count] of mine) batch.eval(RENEW, 1, key, KEY_TTL_MS, nodeId, count, ...dead);
    batch.exec().catch((error) => failed(error, "counts may expire early"));
  }

  const ready = heartbeat();
  const timer = setInterval(() => void heartbeat(), liveness.heartbeatMs);
  timer.unref();
  io.httpServer?.once?.("close", () => clearInterval(timer));

  const count = (key: string, by: number) => {
    const left = (mine.get(key) ?? 0) + by;
    if (left > 0) mine.set(key, left);
    else mine.delete(key);
  };
  async function reserve(key: string, cap: number): Promise<boolean> {
    const reply = redis.eval(RESERVE, 1, key, cap, nodeId, KEY_TTL_MS, ...dead).then((taken) => Number(taken) === 1);
    try {
      return await withTimeout(reply);
    } catch (error) {
      // A count Redis takes after we stopped waiting is given back, or it would hold a seat forever.
      reply.then((taken) => taken && redis.eval(RELEASE, 1, key, nodeId)).catch(() => undefined);
      throw error;
    }
  }
  const release = (key: string) => {
    count(key, -1);
    redis.eval(RELEASE, 1, key, nodeId).catch((error) => failed(error, "a count is given back when this node's heartbeat stops"));
  };

  async function admit(socket: ParleySocket): Promise<Error | undefined> {
    const { user, ip } = socket.data;
    await ready;
    let taken = 0;
    try {
      if (!(await reserve(userKey(user.id), caps.perUser))) return tooManyForUser(caps.perUser);
      taken = USER;
      count(userKey(user.id), 1);
      if (!(await reserve(addressKey(ip), caps.perAddress))) {
        release(userKey(user.id));
        return tooManyFromAddress(caps.perAddress);
      }
      taken |= ADDRESS;
      count(addressKey(ip), 1);
    } catch (error) {
      failed(error, "letting the connection in uncounted");
    }
    if (taken) held.set(socket.id, taken);
    return undefined;
  }

  function releaseHeld(socket: ParleySocket): void {
    const taken = held.get(socket.id);
    if (!taken) return;
    held.delete(socket.id);
    if (taken & USER) release(userKey(socket.data.user.id));
    if (taken & ADDRESS) release(addressKey(socket.data.ip));
  }

  return {
    nodeId,
    check(socket, next) {
      admit(socket).then(
        (refusal) => {
          next(refusal);
          // Socket.IO drops a socket whose client left during the handshake on the next
          // tick, without a disconnect event: give its counts back then.
          if (!refusal) process.nextTick(() => socket.conn.readyState !== "open" && releaseHeld(socket));
        },
        () => next(),
      );
    },
    released(this: ParleySocket) {
      releaseHeld(this);
    },
    stop() {
      clearInterval(timer);
    },
  };
}
