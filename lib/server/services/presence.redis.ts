import "server-only";
import type Redis from "ioredis";
import { AppError } from "@/lib/shared/errors";
import type { Logger } from "@/lib/server/logger";
import { createStoreFailureLog, withTimeout } from "@/lib/server/stores/redis-store";
import type { PresenceStore } from "@/lib/server/services/presence";
import type { PublicUser } from "@/lib/shared/types";

/**
 * Presence for several nodes. Each connection is a field `<node>|<connection>` of its
 * user's hash, and a member `<user>|<connection>` of its node's set; a user is online
 * while their hash has a field. Every node refreshes a liveness key; a node whose key
 * expired (killed, cut off) is swept by whichever live node gets there first: its
 * connections go, and the users left with none are returned once, to be announced
 * offline. All keys share one hash tag, so the scripts stay on one Redis Cluster slot.
 */
const CONNECT = `
redis.call('HSET', KEYS[2], ARGV[2], '1')
redis.call('HSET', KEYS[3], ARGV[1], ARGV[4])
redis.call('SADD', KEYS[4], ARGV[3])
return redis.call('SADD', KEYS[1], ARGV[1])`;

const DISCONNECT = `
redis.call('SREM', KEYS[4], ARGV[3])
if redis.call('HDEL', KEYS[2], ARGV[2]) == 0 then return 0 end
if redis.call('HLEN', KEYS[2]) > 0 then return 0 end
redis.call('SREM', KEYS[1], ARGV[1])
redis.call('HDEL', KEYS[3], ARGV[1])
return 1`;

/** KEYS: nodes set. ARGV: key prefix, this node. Returns profiles of users now offline. */
const SWEEP = `
local prefix, me = ARGV[1], ARGV[2]
local gone = {}
for _, node in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  if node ~= me and redis.call('EXISTS', prefix .. 'alive:' .. node) == 0 then
    local nodeKey = prefix .. 'node:' .. node
    for _, member in ipairs(redis.call('SMEMBERS', nodeKey)) do
      local sep = string.find(member, '|', 1, true)
      local user, conn = string.sub(member, 1, sep - 1), string.sub(member, sep + 1)
      local userKey = prefix .. 'user:' .. user
      if redis.call('HDEL', userKey, node .. '|' .. conn) == 1 and redis.call('HLEN', userKey) == 0 then
        redis.call('SREM', prefix .. 'online', user)
        local profile = redis.call('HGET', prefix .. 'profile', user)
        redis.call('HDEL', prefix .. 'profile', user)
        if profile then table.insert(gone, profile) end
      end
    end
    redis.call('DEL', nodeKey)
    redis.call('SREM', KEYS[1], node)
  end
end
return gone`;

/**
 * After losing Redis for a while: make Redis hold exactly this node's live connections.
 * KEYS: node set. ARGV: prefix, node, then user|connection|profileJson triples' members
 * as user, connection, json. Returns { online profiles..., '', offline profiles... }.
 */
const RESYNC = `
local prefix, node = ARGV[1], ARGV[2]
local live = {}
local came, went = {}, {}
for i = 3, #ARGV, 3 do
  local user, conn, profile = ARGV[i], ARGV[i + 1], ARGV[i + 2]
  live[user .. '|' .. conn] = true
  redis.call('HSET', prefix .. 'user:' .. user, node .. '|' .. conn, '1')
  redis.call('HSET', prefix .. 'profile', user, profile)
  redis.call('SADD', KEYS[1], user .. '|' .. conn)
  if redis.call('SADD', prefix .. 'online', user) == 1 then table.insert(came, profile) end
end
for _, member in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  if not live[member] then
    local sep = string.find(member, '|', 1, true)
    local user, conn = string.sub(member, 1, sep - 1), string.sub(member, sep + 1)
    local userKey = prefix .. 'user:' .. user
    redis.call('SREM', KEYS[1], member)
    if redis.call('HDEL', userKey, node .. '|' .. conn) == 1 and redis.call('HLEN', userKey) == 0 then
      redis.call('SREM', prefix .. 'online', user)
      local profile = redis.call('HGET', prefix .. 'profile', user)
      redis.call('HDEL', prefix .. 'profile', user)
      if profile then table.insert(went, profile) end
    end
  end
end
table.insert(came, '')
for _, p in ipairs(went) do table.insert(came, p) end
return came`;

/** How often a node proves it is alive; a node silent for NODE_TTL_MS is swept (its people shown offline). */
export const HEARTBEAT_MS = 5_000;
export const NODE_TTL_MS = 15_000;

export interface ClusterPresence extends PresenceStore {
  readonly nodeId: string;
  /** Refreshes this node's liveness and sweeps dead nodes; returns users who went offline. */
  heartbeat(): Promise<PublicUser[]>;
  /** Makes Redis match this node's live connections (after Redis was away). */
  resync(connections: { user: PublicUser; connectionId: string }[]): Promise<{ online: PublicUser[]; offline: PublicUser[] }>;
  /** This node is going away cleanly: forget its connections now (returns who went offline). */
  leave(): Promise<PublicUser[]>;
}

type ScriptRedis = Redis & {
  parleyPresenceConnect(...args: (string | number)[]): Promise<number>;
  parleyPresenceDisconnect(...args: (string | number)[]): Promise<number>;
  parleyPresenceSweep(...args: (string | number)[]): Promise<string[]>;
  parleyPresenceResync(...args: (string | number)[]): Promise<string[]>;
};

const parseProfiles = (rows: string[]): PublicUser[] =>
  rows.flatMap((row) => {
    try {
      return [JSON.parse(row) as PublicUser];
    } catch {
      return [];
    }
  });

export function createRedisPresence(options: {
  redis: Redis;
  nodeId: string;
  prefix?: string;
  nodeTtlMs?: number;
  logger?: Pick<Logger, "warn">;
}): ClusterPresence {
  // Reads on a person's path (a DM's delivery, a member list) never wait on a hung Redis.
  const failed = createStoreFailureLog(options.logger, "presence");
  const unavailable = (error: unknown): never => {
    failed(error, "who is online is unknown for now");
    throw new AppError("UNAVAILABLE", "Who's online can't be shown right now. Try again in a moment.");
  };
  const { nodeId } = options;
  const prefix = options.prefix ?? "{parley:presence}:";
  const ttl = options.nodeTtlMs ?? NODE_TTL_MS;
  const redis = options.redis as unknown as ScriptRedis;
  if (typeof (options.redis as unknown as Partial<ScriptRedis>).parleyPresenceConnect !== "function") {
    redis.defineCommand("parleyPresenceConnect", { numberOfKeys: 4, lua: CONNECT });
    redis.defineCommand("parleyPresenceDisconnect", { numberOfKeys: 4, lua: DISCONNECT });
    redis.defineCommand("parleyPresenceSweep", { numberOfKeys: 1, lua: SWEEP });
    redis.defineCommand("parleyPresenceResync", { numberOfKeys: 1, lua: RESYNC });
  }
  const k = {
    online: `${prefix}online`,
    profile: `${prefix}profile`,
    nodes: `${prefix}nodes`,
    node: `${prefix}node:${nodeId}`,
    alive: `${prefix}alive:${nodeId}`,
    user: (id: string) => `${prefix}user:${id}`,
  };
  const field = (connectionId: string) => `${nodeId}|${connectionId}`;
  // Keys the scripts build themselves do not get the client's keyPrefix from ioredis.
  const scriptPrefix = `${options.redis.options.keyPrefix ?? ""}${prefix}`;
  let registered: Promise<unknown> | null = null;
  const register = () => redis.multi().set(k.alive, "1", "PX", ttl).sadd(k.nodes, nodeId).exec();

  const store: ClusterPresence = {
    nodeId,
    async connect(user, connectionId) {
      registered ??= register().catch((error: unknown) => {
        registered = null;
        throw error;
      });
      await registered;
      const publicUser: PublicUser = { id: user.id, username: user.username, displayName: user.displayName };
      const added = await redis.parleyPresenceConnect(
        k.online,
        k.user(user.id),
        k.profile,
        k.node,
        user.id,
        field(connectionId),
        `${user.id}|${connectionId}`,
        JSON.stringify(publicUser),
      );
      return added === 1;
    },
    async disconnect(userId, connectionId) {
      return (
        (await redis.parleyPresenceDisconnect(k.online, k.user(userId), k.profile, k.node, userId, field(connectionId), `${userId}|${connectionId}`)) === 1
      );
    },
    async list() {
      const ids = await withTimeout(redis.smembers(k.online)).catch(unavailable);
      if (ids.length === 0) return [];
      const rows = await withTimeout(redis.hmget(k.profile, ...ids)).catch(unavailable);
      return parseProfiles(rows.filter((r): r is string => r !== null)).sort((a, b) => a.displayName.localeCompare(b.displayName));
    },
    count: () => withTimeout(redis.scard(k.online)).catch(unavailable),
    // Member lists and delivery marks show everyone offline rather than not at all.
    onlineIds: () =>
      withTimeout(redis.smembers(k.online)).catch((error: unknown) => {
        failed(error, "member lists show everyone offline for now");
        return [];
      }),
    async isOnline(userId) {
      const answer = await withTimeout(redis.sismember(k.online, userId)).catch((error: unknown) => {
        failed(error, "counting people as offline for now");
        return 0;
      });
      return answer === 1;
    },
    async heartbeat() {
      await register();
      return parseProfiles(await redis.parleyPresenceSweep(k.nodes, scriptPrefix, nodeId));
    },
    async resync(connections) {
      const args = connections.flatMap(({ user, connectionId }) => [
        user.id,
        connectionId,
        JSON.stringify({ id: user.id, username: user.username, displayName: user.displayName }),
      ]);
      await register();
      const rows = await redis.parleyPresenceResync(k.node, scriptPrefix, nodeId, ...args);
      const split = rows.indexOf("");
      return { online: parseProfiles(rows.slice(0, split)), offline: parseProfiles(rows.slice(split + 1)) };
    },
    async leave() {
      await redis.del(k.alive);
      return parseProfiles(await redis.parleyPresenceSweep(k.nodes, scriptPrefix, `${nodeId}-leaving`));
    },
  };
  return store;
}
