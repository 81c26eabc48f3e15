import http from "node:http";
import type { AddressInfo } from "node:net";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as previewImageRoute } from "@/app/api/previews/[name]/route";
import { setAppContext } from "@/lib/server/context";
import type { JoinRoomResult, SentMessage } from "@/lib/shared/events";
import type { ChatMessage, RoomSummary } from "@/lib/shared/types";
import { solidImage } from "@/tests/image-fixtures";
import type { TestClient, TestServer } from "@/tests/socket-harness";
import { call, collect, startTestServer } from "@/tests/socket-harness";

/**
 * Link preview cards over real sockets, fetched from a real local page server that the
 * test lets through LINK_PREVIEW_ALLOW_HOSTS, on the suite's database (SQLite;
 * PostgreSQL with PARLEY_TEST_DATABASE_URL).
 */
const hits = new Map<string, number>();
/** Pages held back until the test lets them answer (to see the ack come first). */
const held = new Map<string, () => void>();
const heldWaiters = new Map<string, (answer: () => void) => void>();
/** Resolves with the held page's "answer now" once Parley has asked for it. */
function heldRequest(path: string): Promise<() => void> {
  const answer = held.get(path);
  return answer ? Promise.resolve(answer) : new Promise((resolve) => heldWaiters.set(path, resolve));
}
let site: http.Server;
let origin: string;
let picture: Buffer;

const page = (title: string, extra = "") =>
  `<!doctype html><html><head><title>ignored</title><meta property="og:title" content="${title}">${extra}</head><body>hi</body></html>`;

beforeAll(async () => {
  picture = await solidImage("png", 1200, 800);
  site = http.createServer((req, res) => {
    const path = req.url ?? "/";
    hits.set(path, (hits.get(path) ?? 0) + 1);
    if (path === "/pic.png") return res.setHeader("content-type", "image/png").end(picture);
    const answer = () => {
      const title = decodeURIComponent(path.slice(1)).replace(/-/g, " ");
      const extra = path.includes("rich")
        ? `<meta property="og:description" content="All about it"><meta property="og:site_name" content="Test Site"><meta property="og:image" content="/pic.png">`
        : "";
      res.setHeader("content-type", "text/html; charset=utf-8").end(page(title, extra));
    };
    if (!path.startsWith("/held")) return answer();
    held.set(path, answer);
    heldWaiters.get(path)?.(answer);
  });
  await new Promise<void>((resolve) => site.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
});
afterAll(() => {
  site?.close();
});

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ linkPreviewAllowHosts: [new URL(origin).host] });
  setAppContext(server.context);
});
afterAll(async () => {
  await server?.close();
});

let n = 0;
const clientId = () => `preview-${Date.now().toString(36)}-${++n}`;
const joined = () => server.person({ joinGeneral: true });

async function ok<T>(client: TestClient, event: string, payload: unknown): Promise<T> {
  const ack = await call<T>(client, event, payload);
  if (!ack.ok) throw new Error(`${event}: ${ack.error.message}`);
  return ack.data;
}
const send = (client: TestClient, body: string, extra: Record<string, unknown> = {}, roomId = server.roomId) =>
  ok<SentMessage>(client, "message:send", { roomId, body, clientId: clientId(), ...extra });

/** The next message:updated for message `id` that `test` accepts. */
function updateOf(client: TestClient, id: number, test: (m: ChatMessage) => boolean = () => true, ms = 8000): Promise<ChatMessage> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no matching message:updated for ${id}`)), ms);
    const listener = (m: ChatMessage) => {
      if (m.id !== id || !test(m)) return;
      clearTimeout(timer);
      client.off("message:updated", listener);
      resolve(m);
    };
    client.on("message:updated", listener);
  });
}
const withCard = (m: ChatMessage) => !!m.preview;

async function stored(id: number) {
  return server.context.db.message.findUniqueOrThrow({ where: { id }, select: { preview: true, previewUrl: true } });
}

describe("link previews", () => {
  it("acks first, then brings every member the card; the image is Parley's own small WebP", async () => {
    const author = await joined();
    const reader = await joined();
    const url = `${origin}/held-rich-Hello-preview`;
    const sent = await send(author.client, `look at this: ${url} !`);
    // The page has not answered yet: the ack did not wait for it.
    expect(sent.preview).toBeUndefined();
    const forReader = updateOf(reader.client, sent.id, withCard);
    const forAuthor = updateOf(author.client, sent.id, withCard);
    (await heldRequest("/held-rich-Hello-preview"))();
    const card = await forReader;
    expect(card.preview).toMatchObject({ url, title: "held rich Hello preview", description: "All about it", siteName: "Test Site" });
    expect(card.preview?.imageUrl).toMatch(/^\/api\/previews\/[A-Za-z0-9_-]{22}\.webp$/);
    expect(card.changeSeq).toBeGreaterThan(0);
    expect((await forAuthor).preview).toEqual(card.preview);

    const name = card.preview?.imageUrl?.split("/").pop() ?? "";
    const response = await previewImageRoute(new Request(`http://parley.test/api/previews/${name}`), { params: Promise.resolve({ name }) });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/webp");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("cache-control")).toContain("immutable");
    const image = await sharp(Buffer.from(await response.arrayBuffer())).metadata();
    expect([image.format, image.width, image.height]).toEqual(["webp", 400, 267]);

    for (const missing of ["AAAAAAAAAAAAAAAAAAAAAA.webp", "../../etc/passwd", "x.png"]) {
      const refused = await previewImageRoute(new Request("http://parley.test/"), { params: Promise.resolve({ name: missing }) });
      expect(refused.status).toBe(404);
      expect(refused.headers.get("x-content-type-options")).toBe("nosniff");
    }
    const history = await ok<{ messages: ChatMessage[] }>(reader.client, "message:history", { roomId: server.roomId });
    expect(history.messages.find((m) => m.id === sent.id)?.preview).toEqual(card.preview);
  });

  it("a reader who reconnects catches up on a card that came while away", async () => {
    const author = await joined();
    const reader = await server.person();
    const join = await ok<JoinRoomResult>(reader.client, "room:join", { roomId: server.roomId });
    reader.client.disconnect();
    const sent = await send(author.client, `${origin}/Caught-up`);
    await server.context.previews.drain();
    const back = await server.connectAs(reader.user);
    const caught = await ok<JoinRoomResult>(back, "room:join", { roomId: server.roomId, afterId: sent.id, afterChange: join.changeSeq });
    expect(caught.changed?.find((m) => m.id === sent.id)?.preview).toMatchObject({ title: "Caught up" });
  });

  it("fetches a URL once: concurrent sends share the fetch, later ones use the cache", async () => {
    const author = await joined();
    const url = `${origin}/Cached-page`;
    const [a, b] = await Promise.all([send(author.client, `one ${url}`), send(author.client, `two ${url}`)]);
    await server.context.previews.drain();
    const c = await send(author.client, `three ${url}`);
    const third = updateOf(author.client, c.id, withCard);
    expect((await third).preview?.title).toBe("Cached page");
    for (const id of [a.id, b.id]) expect(JSON.parse((await stored(id)).preview ?? "{}")).toMatchObject({ title: "Cached page" });
    expect(hits.get("/Cached-page")).toBe(1);
  });

  it("fetches nothing for a link inside code or a message without one", async () => {
    const author = await joined();
    const quiet = await send(author.client, `see \`${origin}/In-code\` and no other link`);
    const plain = await send(author.client, "no link at all");
    await server.context.previews.drain();
    expect(hits.get("/In-code")).toBeUndefined();
    for (const id of [quiet.id, plain.id]) expect(await stored(id)).toEqual({ preview: null, previewUrl: null });
  });

  it("fetches nothing while the console's setting is off", async () => {
    const { settings } = server.context.moderation;
    const author = await joined();
    await settings.update({ ...settings.get(), linkPreviews: { enabled: false } });
    try {
      const sent = await send(author.client, `${origin}/Server-off`);
      await server.context.previews.drain();
      expect(hits.get("/Server-off")).toBeUndefined();
      expect((await stored(sent.id)).preview).toBeNull();
    } finally {
      await settings.update({ ...settings.get(), linkPreviews: { enabled: true } });
    }
  });

  it("a room's owner turns its previews off (and on); members can't", async () => {
    const owner = await joined();
    const member = await joined();
    const room = await ok<RoomSummary>(owner.client, "room:create", { name: `prev-${Date.now().toString(36)}-${++n}`, kind: "public" });
    expect(room.linkPreviews).toBe(true);
    await ok(member.client, "room:join", { roomId: room.id });
    const refused = await call(member.client, "room:update", { roomId: room.id, linkPreviews: false });
    expect(refused).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    const off = await ok<RoomSummary>(owner.client, "room:update", { roomId: room.id, linkPreviews: false });
    expect(off.linkPreviews).toBe(false);
    const mine = await ok<{ rooms: RoomSummary[] }>(member.client, "room:mine", {});
    expect(mine.rooms.find((r) => r.id === room.id)?.linkPreviews).toBe(false);

    const quiet = await send(member.client, `${origin}/Room-off`, {}, room.id);
    await server.context.previews.drain();
    expect(hits.get("/Room-off")).toBeUndefined();
    expect((await stored(quiet.id)).preview).toBeNull();

    await ok(owner.client, "room:update", { roomId: room.id, linkPreviews: true });
    const sent = await send(member.client, `${origin}/Room-on`, {}, room.id);
    expect((await updateOf(owner.client, sent.id, withCard)).preview?.title).toBe("Room on");
  });

  it("only the sender removes the card; it goes for everyone and does not come back", async () => {
    const author = await joined();
    const reader = await joined();
    const sent = await send(author.client, `${origin}/Removable`);
    await updateOf(reader.client, sent.id, withCard);

    const refused = await call(reader.client, "message:remove-preview", { roomId: server.roomId, messageId: sent.id });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: "FORBIDDEN", message: "Only the person who sent a message can remove its link preview." },
    });
    const gone = updateOf(reader.client, sent.id, (m) => !m.preview);
    const removed = await ok<ChatMessage>(author.client, "message:remove-preview", { roomId: server.roomId, messageId: sent.id });
    expect(removed.preview).toBeUndefined();
    expect(await gone).toEqual(removed);
    const history = await ok<{ messages: ChatMessage[] }>(reader.client, "message:history", { roomId: server.roomId });
    expect(history.messages.find((m) => m.id === sent.id)?.preview).toBeUndefined();

    // An edit to another link brings no card back to this message.
    await ok(author.client, "message:edit", { roomId: server.roomId, messageId: sent.id, body: `${origin}/After-removal` });
    await server.context.previews.drain();
    expect(hits.get("/After-removal")).toBeUndefined();
    expect((await stored(sent.id)).preview).toBeNull();

    const invalid = await call(author.client, "message:remove-preview", { roomId: server.roomId, messageId: "x" });
    expect(invalid).toMatchObject({ ok: false, error: { code: "VALIDATION" } });
  });

  it("an edit to another link drops the old card at once and brings the new one", async () => {
    const author = await joined();
    const reader = await joined();
    const sent = await send(author.client, `${origin}/First-link`);
    await updateOf(reader.client, sent.id, withCard);
    const dropped = updateOf(reader.client, sent.id, (m) => m.body.includes("Second") && !m.preview);
    const replaced = updateOf(reader.client, sent.id, (m) => m.preview?.title === "Second link");
    await ok(author.client, "message:edit", { roomId: server.roomId, messageId: sent.id, body: `now ${origin}/Second-link` });
    await dropped;
    expect((await replaced).preview?.url).toBe(`${origin}/Second-link`);
  });

  it("a whisper's card reaches its two people only", async () => {
    const author = await joined();
    const target = await joined();
    const other = await joined();
    const seen = collect<ChatMessage>(other.client, "message:updated");
    const sent = await send(author.client, `${origin}/Whispered`, { whisperTo: target.user.username });
    expect((await updateOf(target.client, sent.id, withCard)).preview?.title).toBe("Whispered");
    await server.context.previews.drain();
    seen.stop();
    expect(seen.seen.filter((m) => m.id === sent.id)).toEqual([]);
  });
});

describe("link previews without an allow-list", () => {
  it("refuse the local test server, as they refuse every private address", async () => {
    const strict = await startTestServer();
    try {
      const author = await strict.person({ joinGeneral: true });
      const url = `${origin}/Refused`;
      await ok(author.client, "message:send", { roomId: strict.roomId, body: url, clientId: clientId() });
      await strict.context.previews.drain();
      expect(hits.get("/Refused")).toBeUndefined();
      expect(await strict.context.db.linkPreview.findUnique({ where: { url } })).toMatchObject({ status: "error", data: null });
    } finally {
      await strict.close();
    }
  });
});
