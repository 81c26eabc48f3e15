import Redis from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SecretRoomStore } from "@/lib/server/services/secret-rooms";
import { createMemorySecretRooms, newSecretRoomId } from "@/lib/server/services/secret-rooms";
import { createRedisSecretRooms } from "@/lib/server/services/secret-rooms.redis";
import { REDIS_TEST_URL, redisReachable, testRedisPrefix } from "@/tests/redis-test";

const prefix = testRedisPrefix("secret-store");
let redis: Redis | null = null;
beforeAll(async () => {
  if (await redisReachable()) redis = new Redis(REDIS_TEST_URL, { maxRetriesPerRequest: 1 });
});
afterAll(async () => {
  if (!redis) return;
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
});

const stores: [string, () => SecretRoomStore | null][] = [
  ["memory", () => createMemorySecretRooms()],
  ["Redis", () => (redis ? createRedisSecretRooms({ redis, prefix }) : null)],
];

describe.each(stores)("the %s secret-room store", (_name, make) => {
  it("keeps one alias per person, unique in any case, within the member limit, and ends with its last member", async (ctx) => {
    const store = make();
    if (!store) return ctx.skip();
    const roomId = newSecretRoomId();
    await store.create(roomId, "u1");
    expect(await store.join(roomId, { userId: "u1", alias: "Ana", connectionId: "c1" }, 2)).toEqual({ kind: "joined", alias: "Ana" });
    expect(await store.join(roomId, { userId: "u1", alias: "Other", connectionId: "c2" }, 2)).toEqual({ kind: "again", alias: "Ana" });
    expect(await store.join(roomId, { userId: "u2", alias: "ANA", connectionId: "c3" }, 2)).toEqual({ kind: "alias-taken" });
    expect(await store.join(roomId, { userId: "u2", alias: "Bo", connectionId: "c3" }, 2)).toEqual({ kind: "joined", alias: "Bo" });
    expect(await store.join(roomId, { userId: "u3", alias: "Cy", connectionId: "c4" }, 2)).toEqual({ kind: "full" });
    expect(await store.get(roomId)).toEqual({
      creatorId: "u1",
      members: expect.arrayContaining([
        { userId: "u1", alias: "Ana" },
        { userId: "u2", alias: "Bo" },
      ]),
    });
    expect(await store.dropConnection(roomId, "u1", "c1")).toEqual({ left: null, ended: false });
    expect(await store.leave(roomId, "u2", { kicked: true })).toEqual({ left: "Bo", ended: false });
    expect(await store.join(roomId, { userId: "u2", alias: "Bo", connectionId: "c5" }, 2)).toEqual({ kind: "barred" });
    expect(await store.dropConnection(roomId, "u1", "c2")).toEqual({ left: "Ana", ended: true });
    expect(await store.get(roomId)).toBeNull();
    expect(await store.join(roomId, { userId: "u1", alias: "Ana", connectionId: "c6" }, 2)).toEqual({ kind: "gone" });
  });

  it("forgets everything on /stop", async (ctx) => {
    const store = make();
    if (!store) return ctx.skip();
    const roomId = newSecretRoomId();
    await store.create(roomId, "u1");
    await store.join(roomId, { userId: "u1", alias: "Ana", connectionId: "c1" }, 5);
    expect(await store.end(roomId)).toEqual({ creatorId: "u1", members: [{ userId: "u1", alias: "Ana" }] });
    expect(await store.get(roomId)).toBeNull();
  });
});

describe("the Redis secret-room store", () => {
  it("drops the members of a node that stopped refreshing them, and expires every key", async (ctx) => {
    if (!redis) return ctx.skip();
    const store = createRedisSecretRooms({ redis, prefix });
    const roomId = newSecretRoomId();
    await store.create(roomId, "u1");
    await store.join(roomId, { userId: "u1", alias: "alive", connectionId: "a1" }, 5);
    await store.join(roomId, { userId: "u2", alias: "crashed", connectionId: "b1" }, 5);
    const keys = await redis.keys(`${prefix}:secret:{${roomId}}:*`);
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) expect(await redis.pttl(key)).toBeGreaterThan(0);
    // Node B died an age ago: its connection's last refresh is long past the stale time.
    await redis.zadd(`${prefix}:secret:{${roomId}}:connections`, 0, "u2|b1");
    await store.heartbeat(roomId, [{ userId: "u1", connectionId: "a1" }]);
    expect((await store.get(roomId))?.members).toEqual([{ userId: "u1", alias: "alive" }]);
    // Its alias is free again.
    expect(await store.join(roomId, { userId: "u3", alias: "Crashed", connectionId: "c1" }, 5)).toEqual({ kind: "joined", alias: "Crashed" });
  });
});
