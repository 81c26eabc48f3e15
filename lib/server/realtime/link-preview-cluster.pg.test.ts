import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SentMessage } from "@/lib/shared/events";
import type { ChatMessage, RoomSummary } from "@/lib/shared/types";
import type { TestClient, TestServer } from "@/tests/socket-harness";
import { call } from "@/tests/socket-harness";
import { twoNodes } from "@/tests/test-cluster";

/**
 * Link preview cards on two nodes (PostgreSQL + Redis): the card fetched by the node
 * that took the message reaches readers on the other node, and a room's switch turned
 * off on one node holds on the other.
 */
const hits = new Map<string, number>();
let site: http.Server;
let origin: string;
beforeAll(async () => {
  site = http.createServer((req, res) => {
    const path = req.url ?? "/";
    hits.set(path, (hits.get(path) ?? 0) + 1);
    res.setHeader("content-type", "text/html").end(`<meta property="og:title" content="Card for ${path}">`);
  });
  await new Promise<void>((resolve) => site.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
});
afterAll(() => {
  site?.close();
});

// Any port of the loopback address: the page server's port is chosen after the nodes are configured.
const cluster = twoNodes("link-preview", { linkPreviewAllowHosts: ["127.0.0.1"] });
let nodeA: TestServer | null = null;
let nodeB: TestServer | null = null;
beforeAll(() => {
  [nodeA, nodeB] = cluster.nodes() ?? [null, null];
});

let n = 0;
async function ok<T>(client: TestClient, event: string, payload: unknown): Promise<T> {
  const ack = await call<T>(client, event, payload);
  if (!ack.ok) throw new Error(`${event}: ${ack.error.message}`);
  return ack.data;
}
const send = (client: TestClient, roomId: string, body: string) =>
  ok<SentMessage>(client, "message:send", { roomId, body, clientId: `cluster-preview-${Date.now().toString(36)}-${++n}` });

function cardFor(client: TestClient, id: number): Promise<ChatMessage> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no card for ${id}`)), 8000);
    const listener = (m: ChatMessage) => {
      if (m.id !== id || !m.preview) return;
      clearTimeout(timer);
      client.off("message:updated", listener);
      resolve(m);
    };
    client.on("message:updated", listener);
  });
}

describe("link previews on two nodes", () => {
  it("a card fetched on node A reaches a reader on node B", async (ctx) => {
    if (!nodeA || !nodeB) return ctx.skip();
    const sender = await nodeA.person({ joinGeneral: true });
    const reader = await nodeB.connectAs({ cookie: await nodeA.cookieFor((await nodeA.person()).user) });
    await ok(reader, "room:join", { roomId: nodeB.roomId });
    const sent = await send(sender.client, nodeA.roomId, `${origin}/across`);
    expect((await cardFor(reader, sent.id)).preview).toMatchObject({ url: `${origin}/across`, title: "Card for /across" });
  });

  it("a room's switch turned off on node A holds for messages sent through node B", async (ctx) => {
    if (!nodeA || !nodeB) return ctx.skip();
    const owner = await nodeA.person();
    const room = await ok<RoomSummary>(owner.client, "room:create", { name: `cl-prev-${Date.now().toString(36)}`, kind: "public" });
    const member = await nodeB.person();
    await ok(member.client, "room:join", { roomId: room.id });
    // Node B reads the room (and caches it) while previews are on.
    const before = await send(member.client, room.id, `${origin}/on-before`);
    expect((await cardFor(member.client, before.id)).preview?.title).toBe("Card for /on-before");

    await ok(owner.client, "room:update", { roomId: room.id, linkPreviews: false });
    // The other node drops its cached copy once the bus tells it; a message after that fetches nothing.
    await expect.poll(async () => (await nodeB?.context.rooms.getRoom(room.id))?.linkPreviews).toBe(false);
    const after = await send(member.client, room.id, `${origin}/off-after`);
    await nodeB.context.previews.drain();
    expect(hits.get("/off-after")).toBeUndefined();
    expect((await nodeB.context.db.message.findUniqueOrThrow({ where: { id: after.id } })).preview).toBeNull();
  });
});
