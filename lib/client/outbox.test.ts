import { describe, expect, it } from "vitest";
import type { ChatState } from "@/lib/client/chat-state";
import { chatReducer, emptyChat } from "@/lib/client/chat-state";
import type { ChatStore } from "@/lib/client/chat-store";
import { createStore, storeReducer } from "@/lib/client/chat-store";
import { createOutboxDriver, newPending, nextToSend } from "@/lib/client/outbox";
import type { Ack, SentMessage } from "@/lib/shared/events";
import type { RoomSummary } from "@/lib/shared/types";

const me = { id: "me", username: "me", displayName: "Me" };
const room = (id: string): RoomSummary => ({
  id,
  name: id,
  description: "",
  kind: "public",
  memberLimit: 0,
  slowModeSeconds: 0,
  memberCount: 1,
  ownerId: null,
});

function storeWith(...roomIds: string[]): ChatStore {
  let s = createStore(room(roomIds[0]!));
  for (const id of roomIds)
    s = storeReducer(s, { type: "joined", result: { room: room(id), messages: [], hasMore: false, caughtUp: true, changeSeq: 0 }, catchUp: false });
  return s;
}
const queue = (s: ChatStore, roomId: string, body: string) =>
  storeReducer(s, { type: "stream", roomId, action: { type: "pending", item: newPending(body, {}, me) } });

describe("outbox", () => {
  it("sends in the order typed, across rooms, one at a time", () => {
    let s = storeWith("general", "lobby");
    s = queue(s, "general", "one");
    s = queue(s, "lobby", "two");
    s = queue(s, "general", "three");
    const sent: string[] = [];
    for (let next = nextToSend(s); next; next = nextToSend(s)) {
      const { roomId, item } = next;
      s = storeReducer(s, { type: "stream", roomId, action: { type: "sending", clientId: item.clientId, attempt: 1 } });
      // Nothing else goes on the wire until this one is answered.
      expect(nextToSend(s)).toBeNull();
      sent.push(item.body);
      s = storeReducer(s, {
        type: "stream",
        roomId,
        action: { type: "delivered", message: { id: sent.length, roomId, body: item.body, clientId: item.clientId, createdAt: "", author: me, kind: "text" } },
      });
    }
    expect(sent).toEqual(["one", "two", "three"]);
  });

  it("resends after a dropped connection with the clientId chosen when the user sent it", () => {
    let s = queue(storeWith("general"), "general", "typed once");
    const first = nextToSend(s)!;
    s = storeReducer(s, { type: "stream", roomId: "general", action: { type: "sending", clientId: first.item.clientId, attempt: 1 } });
    s = storeReducer(s, { type: "connection-lost" });
    const again = nextToSend(s)!;
    expect(again.item.clientId).toBe(first.item.clientId);
    expect(again.item.attempt).toBe(1);
    const stream: ChatState = s.streams.general ?? emptyChat;
    expect(stream.items.filter((i) => i.kind === "pending")).toHaveLength(1);
  });

  it("skips refused sends and lets the ones after them go", () => {
    let s = queue(queue(storeWith("general"), "general", "bad word"), "general", "fine");
    const bad = nextToSend(s)!;
    s = storeReducer(s, { type: "stream", roomId: "general", action: { type: "sending", clientId: bad.item.clientId, attempt: 1 } });
    s = storeReducer(s, {
      type: "stream",
      roomId: "general",
      action: { type: "failed", clientId: bad.item.clientId, attempt: 1, error: { code: "FORBIDDEN", message: "not allowed" } },
    });
    expect(nextToSend(s)?.item.body).toBe("fine");
  });

  it("gives every new message its own clientId", () => {
    const ids = new Set(Array.from({ length: 100 }, () => newPending("x", {}, me).clientId));
    expect(ids.size).toBe(100);
    expect(chatReducer(emptyChat, { type: "connection-lost" })).toBe(emptyChat);
  });
});

/** A driver over the real reducers; `answer` settles the oldest unanswered send. */
function harness(roomIds = ["general"]) {
  const box = { store: storeWith(...roomIds) };
  const wire: Array<{ payload: { roomId: string; body: string; clientId: string }; resolve: (a: Ack<SentMessage>) => void }> = [];
  let nextId = 1;
  const driver = createOutboxDriver({
    store: () => box.store,
    dispatch: (action) => (box.store = storeReducer(box.store, action)),
    ask: (_event, payload) => new Promise((resolve) => wire.push({ payload: payload as never, resolve })),
  });
  const stored = (p: { roomId: string; body: string; clientId: string }, id = nextId++): SentMessage => ({
    id,
    roomId: p.roomId,
    body: p.body,
    clientId: p.clientId,
    createdAt: "",
    author: me,
    kind: "text",
  });
  const type = (body: string, roomId = "general") => {
    box.store = queue(box.store, roomId, body);
    driver.pump();
  };
  const pendingBodies = () => Object.values(box.store.streams).flatMap((s) => s.items.flatMap((i) => (i.kind === "pending" ? [i.body] : [])));
  const flush = () => new Promise((r) => setTimeout(r, 0));
  return { box, wire, driver, stored, type, pendingBodies, flush };
}

describe("outbox driver", () => {
  it("sends nothing while offline, then everything in order once online", async () => {
    const h = harness();
    h.type("one");
    h.type("two");
    expect(h.wire).toHaveLength(0);
    h.driver.setOnline(true);
    expect(h.wire.map((w) => w.payload.body)).toEqual(["one"]);
    h.wire[0]!.resolve({ ok: true, data: h.stored(h.wire[0]!.payload) });
    await h.flush();
    h.driver.pump(); // as the hook does after the store changed
    h.wire[1]!.resolve({ ok: true, data: h.stored(h.wire[1]!.payload) });
    await h.flush();
    expect(h.wire.map((w) => w.payload.body)).toEqual(["one", "two"]);
    expect(h.pendingBodies()).toEqual([]);
  });

  it("sends the next one even when the broadcast delivered the message before its ack", async () => {
    const h = harness();
    h.driver.setOnline(true);
    h.type("first");
    h.type("second");
    expect(h.wire).toHaveLength(1);
    const first = h.wire[0]!;
    const message = h.stored(first.payload);
    // message:new came first: the ack then changes nothing in the store.
    h.box.store = storeReducer(h.box.store, { type: "message", message, meId: me.id, seen: true });
    first.resolve({ ok: true, data: { ...message } });
    await h.flush();
    expect(h.wire.map((w) => w.payload.body)).toEqual(["first", "second"]);
  });

  it("resends what was on the wire when the connection dropped, with the same clientId, before what came after", async () => {
    const h = harness();
    h.driver.setOnline(true);
    h.type("on the wire");
    h.type("behind it");
    const lost = h.wire[0]!;
    h.driver.setOnline(false);
    h.type("typed while down");
    h.driver.setOnline(true);
    expect(h.wire).toHaveLength(2);
    expect(h.wire[1]!.payload.clientId).toBe(lost.payload.clientId);
    // The first attempt's ack timer runs out now: it must not mark the resend failed or unblock the queue.
    lost.resolve({ ok: false, error: { code: "UNAVAILABLE", message: "No answer from the server." } });
    await h.flush();
    expect(h.wire).toHaveLength(2);
    for (let i = 1; i < 4; i++) {
      const w = h.wire[i]!;
      w.resolve({ ok: true, data: h.stored(w.payload) });
      await h.flush();
    }
    expect(h.wire.map((w) => w.payload.body)).toEqual(["on the wire", "on the wire", "behind it", "typed while down"]);
    expect(h.pendingBodies()).toEqual([]);
  });

  it("sends a message's files with it and again on the resend after a drop, with the same clientId", () => {
    const h = harness();
    h.driver.setOnline(true);
    const files = ["AAAAAAAAAAAAAAAAAAAAAA", "BBBBBBBBBBBBBBBBBBBBBB"];
    h.box.store = storeReducer(h.box.store, {
      type: "stream",
      roomId: "general",
      action: { type: "pending", item: newPending("", { attachments: files, attachmentNames: ["a.png", "b.txt"] }, me) },
    });
    h.driver.pump();
    h.driver.setOnline(false);
    h.driver.setOnline(true);
    expect(h.wire).toHaveLength(2);
    const [first, resend] = h.wire.map((w) => w.payload as { body: string; clientId: string; attachments?: string[] });
    expect(first).toMatchObject({ body: "", attachments: files });
    expect(resend).toMatchObject({ body: "", attachments: files, clientId: first?.clientId });
    // The names are for the pending row only: the server takes the stored files' own.
    expect(first).not.toHaveProperty("attachmentNames");
  });

  it("a duplicate ack (stored before the drop) just confirms the message", async () => {
    const h = harness();
    h.driver.setOnline(true);
    h.type("stored, ack lost");
    const lost = h.wire[0]!;
    h.driver.setOnline(false);
    h.driver.setOnline(true);
    const resend = h.wire[1]!;
    resend.resolve({ ok: true, data: { ...h.stored(resend.payload, 42), duplicate: true } });
    await h.flush();
    expect(h.pendingBodies()).toEqual([]);
    const items = h.box.store.streams.general?.items ?? [];
    expect(items).toEqual([expect.objectContaining({ kind: "message", message: expect.objectContaining({ id: 42, clientId: lost.payload.clientId }) })]);
  });
});
