import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStore, storeReducer } from "@/lib/client/chat-store";
import type { JoinRoomResult } from "@/lib/shared/events";
import type { ChatMessage, PublicUser, SessionUser } from "@/lib/shared/types";
import type { RealtimeProcess } from "@/tests/realtime-process";
import { startRealtimeProcess } from "@/tests/realtime-process";
import { REDIS_TEST_URL, redisReachable, testRedisPrefix } from "@/tests/redis-test";
import { call, startTestServer } from "@/tests/socket-harness";
import type { Sender } from "@/tests/durable-senders";
import { ackedCount, newSender, openSocket, streamMessages } from "@/tests/durable-senders";
import { createPostgresDatabase, postgresReachable } from "@/tests/test-database";

/**
 * Losing a node: two Parley processes on PostgreSQL + Redis, senders on both, a reader on
 * the survivor. `kill -9` one node mid-stream; its senders move to the other node (as a
 * load balancer would send them) and resend what was never acknowledged. Nothing
 * acknowledged is lost, nothing is stored twice, the reader sees every message once,
 * and the dead node's people are shown offline within the node time-to-live.
 */
const WINDOW = 8;
const MIN_ACKS_BEFORE_KILL = 150;
const ACK_TIMEOUT_MS = 5000;

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "parley-cluster-kill-"));
const processes: RealtimeProcess[] = [];
let database: { url: string; drop: () => Promise<void> } | null = null;
let ready = false;
beforeAll(async () => {
  ready = (await postgresReachable()) && (await redisReachable());
  if (ready) database = await createPostgresDatabase();
});
afterAll(async () => {
  for (const p of processes) await p.kill();
  await database?.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const problems: string[] = [];
const stream = (url: string, roomId: string, sender: Sender, more: () => boolean) =>
  streamMessages(url, roomId, sender, { more, window: WINDOW, problems, ackTimeoutMs: ACK_TIMEOUT_MS });

describe("kill -9 of one of two nodes", () => {
  it("loses no acknowledged message, stores none twice, the reader on the survivor sees each once, and the dead node's people go offline", {
    timeout: 120_000,
  }, async (ctx) => {
    if (!ready || !database) return ctx.skip();
    const redis = { url: REDIS_TEST_URL, prefix: testRedisPrefix("kill") };
    const setup = await startTestServer({ dataDir, database: { url: database.url, drop: async () => {} } });
    let senders: Sender[];
    let roomId: string;
    let reader: SessionUser;
    let ghost: SessionUser;
    try {
      const people = [];
      // Admins skip the message limit and the spam guard: this is about durability at speed.
      for (let i = 0; i < 4; i++) people.push(await setup.person({ role: "admin" }));
      const room = await call<{ id: string }>(people[0]!.client, "room:create", { name: "cluster-durable" });
      if (!room.ok) throw new Error(room.error.message);
      roomId = room.data.id;
      for (const p of people.slice(1)) await call(p.client, "room:join", { roomId });
      reader = await setup.createUser("reader");
      ghost = await setup.createUser("ghost");
      senders = await Promise.all(people.map(async ({ user }) => newSender(user, await setup.cookieFor(user))));
      const readerCookie = await setup.cookieFor(reader);
      const ghostCookie = await setup.cookieFor(ghost);
      await setup.close({ keepDatabase: true });

      const [nodeA, nodeB] = await Promise.all([
        startRealtimeProcess(dataDir, { databaseUrl: database.url, redis }),
        startRealtimeProcess(dataDir, { databaseUrl: database.url, redis }),
      ]);
      processes.push(nodeA, nodeB);

      // The reader stays on B for the whole test and feeds what arrives into the browser's own store.
      const readerClient = await openSocket(nodeB.url, readerCookie);
      const join = await call<JoinRoomResult>(readerClient, "room:join", { roomId });
      if (!join.ok) throw new Error(join.error.message);
      const mine = await call<{
        rooms: Parameters<typeof storeReducer>[1] extends infer A ? (A extends { type: "rooms"; rooms: infer R } ? R : never) : never;
      }>(readerClient, "room:mine", {});
      if (!mine.ok) throw new Error(mine.error.message);
      let store = createStore(join.data.room);
      store = storeReducer(store, { type: "rooms", rooms: mine.data.rooms });
      store = storeReducer(store, { type: "activate", roomId });
      store = storeReducer(store, { type: "joined", result: join.data, catchUp: false });
      const live: ChatMessage[] = [];
      readerClient.on("message:new", (m) => {
        live.push(m);
        store = storeReducer(store, { type: "message", message: m, meId: reader.id, seen: true });
      });
      // Someone connected to A only: shown offline once A is found dead.
      const ghostClient = await openSocket(nodeA.url, ghostCookie);
      const offline: PublicUser[] = [];
      readerClient.on("presence:offline", ({ user }) => offline.push(user));

      let flowing = true;
      const onA = senders.slice(0, 2).map((s) => stream(nodeA.url, roomId, s, () => true));
      const onB = senders.slice(2).map((s) => stream(nodeB.url, roomId, s, () => flowing));
      for (const deadline = Date.now() + 20_000; Date.now() < deadline && ackedCount(senders) < MIN_ACKS_BEFORE_KILL; )
        await new Promise((r) => setTimeout(r, 10));
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 300));
      const inFlight = senders.reduce((n, s) => n + s.sent.size, 0) - ackedCount(senders);
      const killedAt = Date.now();
      await nodeA.kill();
      ghostClient.disconnect();
      await Promise.all(onA);
      expect(inFlight, "the kill must land mid-stream").toBeGreaterThan(0);
      // A's senders come back through the load balancer, to B, and resend.
      await Promise.all(senders.slice(0, 2).map((s) => stream(nodeB.url, roomId, s, () => false)));
      flowing = false;
      await Promise.all(onB);
      expect(problems).toEqual([]);
      for (const s of senders) expect([...s.sent.keys()].filter((id) => !s.acked.has(id))).toEqual([]);

      const acked = senders.flatMap((s) => [...s.acked.values()]).sort((a, b) => a - b);
      // Exactly once in the database, and in the reader's view, in id order.
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      const rows = (await client.query<{ id: number; clientId: string }>(`SELECT id, "clientId" FROM "Message" WHERE "roomId" = $1 ORDER BY id`, [roomId]))
        .rows;
      await client.end();
      expect(rows.map((r) => r.id)).toEqual(acked);
      expect(new Set(rows.map((r) => r.clientId)).size).toBe(rows.length);
      await expect.poll(() => new Set(live.map((m) => m.id)).size, { timeout: 5000 }).toBe(acked.length);
      const shown = (store.streams[roomId]?.items ?? []).flatMap((i) => (i.kind === "message" ? [i.message.id] : []));
      expect(shown).toEqual(acked);

      // The ghost, connected only to A, is shown offline by B within A's time to live.
      await expect.poll(() => offline.some((u) => u.id === ghost.id), { timeout: 30_000, interval: 250 }).toBe(true);
      const after = Date.now() - killedAt;
      const list = await call<{ users: PublicUser[] }>(readerClient, "presence:list", {});
      expect(list.ok && list.data.users.some((u) => u.id === ghost.id)).toBe(false);
      console.info(
        `cluster kill: ${acked.length} acked, ${live.length} live deliveries to the reader (${live.length - acked.length} resent), ghost offline after ${(after / 1000).toFixed(1)} s`,
      );
      readerClient.disconnect();
    } finally {
      await setup.close({ keepDatabase: true }).catch(() => undefined);
    }
  });
});
