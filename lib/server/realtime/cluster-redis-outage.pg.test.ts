import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StoreAction } from "@/lib/client/chat-store";
import { createStore, storeReducer } from "@/lib/client/chat-store";
import type { JoinRoomResult, SentMessage } from "@/lib/shared/events";
import type { ChatMessage, MyRoom } from "@/lib/shared/types";
import { canStartRedis, startRedisServer } from "@/tests/redis-server";
import type { TestClient, TestServer } from "@/tests/socket-harness";
import { call, sleep, startTestServer } from "@/tests/socket-harness";
import { createPostgresDatabase, postgresReachable } from "@/tests/test-database";

/**
 * Losing Redis for a few seconds: both nodes keep serving their own sockets (sends are
 * acknowledged), say so in the log, and when Redis is back the people on the other node
 * catch up on what they missed, each message once.
 */
let redisServer: Awaited<ReturnType<typeof startRedisServer>> | null = null;
let nodeA: TestServer | null = null;
let nodeB: TestServer | null = null;
let dropDatabase: () => Promise<void> = async () => {};
beforeAll(async () => {
  if (!(await postgresReachable()) || !canStartRedis()) return;
  redisServer = await startRedisServer();
  const database = await createPostgresDatabase();
  dropDatabase = database.drop;
  const shared = { url: database.url, drop: async () => {} };
  const redis = { url: redisServer.url, prefix: "parley" };
  [nodeA, nodeB] = await Promise.all([startTestServer({ database: shared, redis }), startTestServer({ database: shared, redis })]);
});
afterAll(async () => {
  await nodeA?.close();
  await nodeB?.close();
  await redisServer?.kill();
  await dropDatabase();
});

/** What a browser tab does with the socket: the real store, plus the catch-up marks of use-rooms. */
async function browserOn(client: TestClient, meId: string, roomId: string) {
  const join = await call<JoinRoomResult>(client, "room:join", { roomId });
  const mine = await call<{ rooms: MyRoom[] }>(client, "room:mine", {});
  if (!join.ok || !mine.ok) throw new Error("join failed");
  let store = createStore(join.data.room);
  const apply = (action: StoreAction) => (store = storeReducer(store, action));
  apply({ type: "rooms", rooms: mine.data.rooms });
  apply({ type: "joined", result: join.data, catchUp: false });
  let mark: number | null = null;
  client.on("message:new", (message) => apply({ type: "message", message, meId, seen: true }));
  client.on("cluster:degraded", () => (mark ??= store.streams[roomId]?.lastId ?? 0));
  client.on("cluster:resync", () => {
    const afterId = mark ?? store.streams[roomId]?.lastId ?? 0;
    mark = null;
    void call<JoinRoomResult>(client, "room:join", { roomId, afterId }).then(
      (answer) => answer.ok && apply({ type: "joined", result: answer.data, catchUp: true }),
    );
  });
  return { ids: () => (store.streams[roomId]?.items ?? []).flatMap((i) => (i.kind === "message" ? [i.message.id] : [])) };
}

describe("Redis hangs", () => {
  it("still lets a person open a DM and write in it on their node: joining does not wait for Redis", { timeout: 30_000 }, async (ctx) => {
    if (!nodeA || !nodeB || !redisServer) return ctx.skip();
    const alice = await nodeA.person();
    const bob = await nodeA.person();
    redisServer.freeze();
    try {
      const dm = await call<{ id: string }>(alice.client, "dm:open", { usernames: [bob.user.username] });
      if (!dm.ok) throw new Error(dm.error.message);
      const sent = await call<SentMessage>(alice.client, "message:send", { roomId: dm.data.id, body: "Redis is stuck, we are not", clientId: "hung-0001" });
      expect(sent).toMatchObject({ ok: true, data: { body: "Redis is stuck, we are not" } });
    } finally {
      redisServer.thaw();
    }
  });
});

describe("Redis restarts while two nodes chat", () => {
  it("keeps acknowledging sends on both nodes and catches everyone up, each message once, when Redis is back", { timeout: 60_000 }, async (ctx) => {
    if (!nodeA || !nodeB || !redisServer) return ctx.skip();
    const alice = await nodeA.person({ role: "admin", joinGeneral: true });
    const bob = await nodeB.person({ role: "admin", joinGeneral: true });
    const carol = await nodeB.person({ joinGeneral: true });
    const dave = await nodeA.person({ joinGeneral: true });
    const onB = await browserOn(carol.client, carol.user.id, nodeB.roomId);
    const onA = await browserOn(dave.client, dave.user.id, nodeA.roomId);

    const acked: number[] = [];
    const refused: string[] = [];
    let n = 0;
    let sending = true;
    const sender = async (client: TestClient, who: string) => {
      while (sending) {
        const ack = await call<SentMessage>(client, "message:send", { roomId: nodeA!.roomId, body: `${who} ${++n}`, clientId: `outage-${who}-${n}` }).catch(
          (e: Error) => ({ ok: false as const, error: { code: "TIMEOUT", message: e.message } }),
        );
        if (ack.ok) acked.push(ack.data.id);
        else refused.push(`${ack.error.code}: ${ack.error.message}`);
        await sleep(50);
      }
    };
    const streams = [sender(alice.client, "alice"), sender(bob.client, "bob")];
    await sleep(1000);
    const before = acked.length;
    await redisServer.kill();
    await sleep(3000);
    const duringOutage = acked.length - before;
    await redisServer.restart();
    await sleep(2500);
    sending = false;
    await Promise.all(streams);

    expect(refused).toEqual([]);
    expect(duringOutage, "sends are acknowledged while Redis is away").toBeGreaterThan(10);
    const all = [...acked].sort((a, b) => a - b);
    await expect.poll(() => onB.ids().filter((id) => id >= all[0]!), { timeout: 10_000 }).toEqual(all);
    await expect.poll(() => onA.ids().filter((id) => id >= all[0]!), { timeout: 10_000 }).toEqual(all);
    // After the outage, live delivery across nodes works again.
    const last = await call<ChatMessage>(alice.client, "message:send", { roomId: nodeA.roomId, body: "all good", clientId: "outage-final" });
    if (!last.ok) throw new Error(last.error.message);
    await expect.poll(() => onB.ids().includes(last.data.id), { timeout: 5000 }).toBe(true);
  });
});
