import "server-only";
import type Redis from "ioredis";
import type { JoinOutcome, LeaveOutcome, SecretRoomState, SecretRoomStore } from "@/lib/server/services/secret-rooms";
import { aliasKey, SECRET_ROOM_IDLE_MS } from "@/lib/server/services/secret-rooms";
import { LUA_NOW, REDIS_PREFIX, withTimeout } from "@/lib/server/stores/redis-store";

/** A connection whose node stopped refreshing it (crashed, cut off) is dropped after this long. */
export const SECRET_CONNECTION_STALE_MS = 90_000;
/** How often each node refreshes its own connections (well inside the stale time). */
export const SECRET_HEARTBEAT_MS = 30_000;

/*
 * KEYS (one hash tag per room, so one Redis Cluster slot): 1 meta {creator, joined},
 * 2 members userId→alias, 3 alias keys userId→aliasKey, 4 aliases aliasKey→userId,
 * 5 connections (zset "userId|connectionId" → last refresh, ms), 6 people the creator kicked. Every key expires after
 * the idle time, renewed by every call and heartbeat: nothing outlives its nodes for long.
 */
const COMMON = `
${LUA_NOW}
local stale = tonumber(ARGV[1])
local ttl = tonumber(ARGV[2])
local function touch()
  for i = 1, 6 do redis.call('PEXPIRE', KEYS[i], ttl) end
end
local function forget(uid)
  local key = redis.call('HGET', KEYS[3], uid)
  if key then redis.call('HDEL', KEYS[4], key) end
  redis.call('HDEL', KEYS[2], uid)
  redis.call('HDEL', KEYS[3], uid)
end
local function prune()
  redis.call('ZREMRANGEBYSCORE', KEYS[5], '-inf', now - stale)
  local live = {}
  for _, c in ipairs(redis.call('ZRANGE', KEYS[5], 0, -1)) do live[string.match(c, '^([^|]*)|')] = true end
  local m = redis.call('HKEYS', KEYS[2])
  for _, uid in ipairs(m) do if not live[uid] then forget(uid) end end
end
-- A room that had members and has none left has ended.
local function ended()
  if redis.call('HGET', KEYS[1], 'joined') == '1' and redis.call('HLEN', KEYS[2]) == 0 then
    redis.call('DEL', KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6])
    return true
  end
  return false
end
local function state()
  return {redis.call('HGET', KEYS[1], 'creator'), redis.call('HGETALL', KEYS[2])}
end
`;

/** ARGV 3 userId, 4 alias, 5 aliasKey, 6 connectionId, 7 member limit. */
const JOIN = `${COMMON}
if redis.call('EXISTS', KEYS[1]) == 0 then return {'gone'} end
prune()
if ended() then return {'gone'} end
local uid = ARGV[3]
if redis.call('SISMEMBER', KEYS[6], uid) == 1 then return {'barred'} end
local mine = redis.call('HGET', KEYS[2], uid)
if mine then
  redis.call('ZADD', KEYS[5], now, uid .. '|' .. ARGV[6])
  touch()
  return {'again', mine}
end
if redis.call('HEXISTS', KEYS[4], ARGV[5]) == 1 then return {'alias-taken'} end
if redis.call('HLEN', KEYS[2]) >= tonumber(ARGV[7]) then return {'full'} end
redis.call('HSET', KEYS[2], uid, ARGV[4])
redis.call('HSET', KEYS[3], uid, ARGV[5])
redis.call('HSET', KEYS[4], ARGV[5], uid)
redis.call('ZADD', KEYS[5], now, uid .. '|' .. ARGV[6])
redis.call('HSET', KEYS[1], 'joined', '1')
touch()
return {'joined', ARGV[4]}
`;

/** ARGV 3 userId, 4 connectionId ('' : all of theirs), 5 '1': kicked, may not come back. Answers {alias or '', ended 0|1}. */
const LEAVE = `${COMMON}
if redis.call('EXISTS', KEYS[1]) == 0 then return {'', 0} end
local uid = ARGV[3]
local alias = redis.call('HGET', KEYS[2], uid)
if ARGV[4] == '' then
  for _, c in ipairs(redis.call('ZRANGE', KEYS[5], 0, -1)) do
    if string.sub(c, 1, #uid + 1) == uid .. '|' then redis.call('ZREM', KEYS[5], c) end
  end
  forget(uid)
  if ARGV[5] == '1' then redis.call('SADD', KEYS[6], uid) end
else
  redis.call('ZREM', KEYS[5], uid .. '|' .. ARGV[4])
end
prune()
local still = redis.call('HEXISTS', KEYS[2], uid) == 1
if ended() then return {alias or '', 1} end
touch()
if still or not alias then return {'', 0} end
return {alias, 0}
`;

const GET = `${COMMON}
if redis.call('EXISTS', KEYS[1]) == 0 then return false end
prune()
if ended() then return false end
return state()
`;

const END = `${COMMON}
if redis.call('EXISTS', KEYS[1]) == 0 then return false end
local s = state()
redis.call('DEL', KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6])
return s
`;

/** ARGV 3…: "userId|connectionId" entries of this node. */
const HEARTBEAT = `${COMMON}
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
for i = 3, #ARGV do redis.call('ZADD', KEYS[5], 'XX', now, ARGV[i]) end
touch()
return 1
`;

const CREATE = `${COMMON}
redis.call('HSET', KEYS[1], 'creator', ARGV[3])
touch()
return 1
`;

function toState(reply: unknown): SecretRoomState | null {
  if (!Array.isArray(reply)) return null;
  const [creatorId, flat] = reply as [string, string[]];
  const members: SecretRoomState["members"] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) members.push({ userId: flat[i] as string, alias: flat[i + 1] as string });
  return { creatorId, members };
}

/**
 * Secret-room membership shared by every node. Unlike the typing throttle it fails
 * closed: when Redis does not answer, joining and relaying are refused (the handler says
 * "try again"), since a guess could let someone in or leave someone out.
 */
export function createRedisSecretRooms(deps: { redis: Redis; prefix?: string; idleMs?: number; staleMs?: number }): SecretRoomStore {
  const { redis } = deps;
  const prefix = `${deps.prefix ?? REDIS_PREFIX}:secret`;
  const args = [deps.staleMs ?? SECRET_CONNECTION_STALE_MS, deps.idleMs ?? SECRET_ROOM_IDLE_MS];
  const keys = (roomId: string) => {
    const tag = `${prefix}:{${roomId}}`;
    return [`${tag}:meta`, `${tag}:members`, `${tag}:alias-of`, `${tag}:aliases`, `${tag}:connections`, `${tag}:kicked`];
  };
  const run = (script: string, roomId: string, ...extra: (string | number)[]) => withTimeout(redis.eval(script, 6, ...keys(roomId), ...args, ...extra));
  const leaveOutcome = (reply: unknown): LeaveOutcome => {
    const [alias, ended] = reply as [string, number];
    return { left: alias === "" ? null : alias, ended: Number(ended) === 1 };
  };

  return {
    async create(roomId, creatorId) {
      await run(CREATE, roomId, creatorId);
    },
    async join(roomId, { userId, alias, connectionId }, memberLimit) {
      const [kind, name] = (await run(JOIN, roomId, userId, alias, aliasKey(alias), connectionId, memberLimit)) as [string, string?];
      if (kind === "joined" || kind === "again") return { kind, alias: name as string };
      return { kind } as JoinOutcome;
    },
    async dropConnection(roomId, userId, connectionId) {
      return leaveOutcome(await run(LEAVE, roomId, userId, connectionId, "0"));
    },
    async leave(roomId, userId, options = {}) {
      return leaveOutcome(await run(LEAVE, roomId, userId, "", options.kicked ? "1" : "0"));
    },
    async get(roomId) {
      return toState(await run(GET, roomId));
    },
    async end(roomId) {
      return toState(await run(END, roomId));
    },
    async heartbeat(roomId, connections) {
      await run(HEARTBEAT, roomId, ...connections.map((c) => `${c.userId}|${c.connectionId}`));
    },
  };
}
