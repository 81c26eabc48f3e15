import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChatMessage } from "@/lib/shared/types";
import type { TestServer } from "@/tests/socket-harness";
import { call, startTestServer } from "@/tests/socket-harness";
import { createPostgresDatabase, postgresReachable } from "@/tests/test-database";

/**
 * Two Parley nodes on one PostgreSQL database, without the Redis adapter (not part of
 * the database work): live fan-out stays per node, but what the database carries —
 * accounts, sessions, rooms, history and reconnect catch-up — works across them.
 */
let nodeA: TestServer | null = null;
let nodeB: TestServer | null = null;
let dropDatabase: () => Promise<void> = async () => {};
beforeAll(async () => {
  if (!(await postgresReachable())) return;
  const database = await createPostgresDatabase();
  dropDatabase = database.drop;
  const shared = { url: database.url, drop: async () => {} };
  [nodeA, nodeB] = await Promise.all([startTestServer({ database: shared }), startTestServer({ database: shared })]);
});
afterAll(async () => {
  await nodeA?.close();
  await nodeB?.close();
  await dropDatabase();
});

describe("two nodes on one PostgreSQL database", () => {
  it("a user who reconnects to the other node catches up on what was sent through the first", async (ctx) => {
    if (!nodeA || !nodeB) return ctx.skip();
    expect(nodeA.roomId).toBe(nodeB.roomId);
    const sender = await nodeA.person({ joinGeneral: true });
    const reader = await nodeA.person({ joinGeneral: true });
    const seen = await call<ChatMessage>(sender.client, "message:send", { roomId: nodeA.roomId, body: "before the drop", clientId: "two-nodes-0001" });
    if (!seen.ok) throw new Error(seen.error.message);
    reader.client.disconnect();

    for (let i = 1; i <= 5; i++) {
      const ack = await call(sender.client, "message:send", { roomId: nodeA.roomId, body: `missed ${i}`, clientId: `two-nodes-${1000 + i}` });
      expect(ack.ok).toBe(true);
    }

    // The load balancer sends the reconnect to node B; node A's session cookie is valid there.
    const again = await nodeB.connectAs({ cookie: await nodeA.cookieFor(reader.user) });
    const joined = await call<{ messages: ChatMessage[]; caughtUp: boolean }>(again, "room:join", { roomId: nodeB.roomId, afterId: seen.data.id });
    if (!joined.ok) throw new Error(joined.error.message);
    expect(joined.data.caughtUp).toBe(true);
    expect(joined.data.messages.map((m) => m.body)).toEqual(["missed 1", "missed 2", "missed 3", "missed 4", "missed 5"]);
  });
});
