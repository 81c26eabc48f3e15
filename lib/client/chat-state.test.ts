import { describe, expect, it } from "vitest";
import type { ChatState, PendingItem } from "@/lib/client/chat-state";
import { chatReducer, emptyChat } from "@/lib/client/chat-state";
import type { ChatMessage } from "@/lib/shared/types";

const author = { id: "u1", username: "a", displayName: "A" };
const msg = (id: number, clientId = `c${id}`): ChatMessage => ({
  id,
  roomId: "r",
  body: `m${id}`,
  clientId,
  createdAt: new Date(0).toISOString(),
  author,
  kind: "text",
});
const ids = (s: ChatState) => s.items.flatMap((i) => (i.kind === "message" ? [i.message.id] : []));
const pending = (clientId: string, seq = 1): PendingItem => ({
  kind: "pending",
  key: `p${clientId}`,
  clientId,
  body: "hi",
  author,
  createdAt: "",
  options: {},
  seq,
  status: "queued",
  attempt: 0,
});
const noAnswer = { code: "UNAVAILABLE" as const, message: "No answer from the server." };
const pendingOf = (s: ChatState, clientId: string) => s.items.find((i): i is PendingItem => i.kind === "pending" && i.clientId === clientId);

describe("chat stream", () => {
  it("shows a message once whether it comes by ack, broadcast or catch-up", () => {
    let s = chatReducer(emptyChat, { type: "reset", messages: [msg(1), msg(2)], hasMore: false });
    expect(s.loaded).toBe(true);
    s = chatReducer(s, { type: "append", messages: [msg(3)] });
    s = chatReducer(s, { type: "append", messages: [msg(3)] });
    s = chatReducer(s, { type: "append", messages: [msg(2), msg(3), msg(4)] });
    expect(ids(s)).toEqual([1, 2, 3, 4]);
    expect(s.lastId).toBe(4);
  });

  it("replaces a pending send with its stored copy", () => {
    let s = chatReducer(emptyChat, { type: "pending", item: pending("x1") });
    s = chatReducer(s, { type: "sending", clientId: "x1", attempt: 1 });
    s = chatReducer(s, { type: "failed", clientId: "x1", attempt: 1, error: noAnswer });
    expect(s.items[0]).toMatchObject({ kind: "pending", status: "failed", error: "No answer from the server.", retryable: true });
    s = chatReducer(s, { type: "retry", clientId: "x1" });
    expect(s.items[0]).toMatchObject({ kind: "pending", status: "queued", clientId: "x1", error: undefined });
    s = chatReducer(s, { type: "append", messages: [msg(9, "x1")] });
    expect(s.items).toHaveLength(1);
    expect(s.items[0]).toMatchObject({ kind: "message" });
  });

  it("attaches per-recipient delivery to a direct message, even when the broadcast came first", () => {
    const delivery = [{ user: { id: "u2", username: "b", displayName: "B" }, online: false }];
    let s = chatReducer(emptyChat, { type: "pending", item: pending("x2") });
    s = chatReducer(s, { type: "append", messages: [msg(5, "x2")] });
    s = chatReducer(s, { type: "delivered", message: msg(5, "x2"), delivery });
    expect(s.items).toEqual([expect.objectContaining({ kind: "message", delivery })]);
    s = chatReducer(s, { type: "delivered", message: msg(6) });
    expect(ids(s)).toEqual([5, 6]);
  });

  it("prepends older pages without duplicates and keeps local lines on reset", () => {
    let s = chatReducer(emptyChat, { type: "reset", messages: [msg(5), msg(6)], hasMore: true });
    s = chatReducer(s, { type: "system", text: "bob is online" });
    s = chatReducer(s, { type: "system", text: "Unknown command /x — type /help", tone: "error" });
    s = chatReducer(s, { type: "prepend", messages: [msg(3), msg(4), msg(5)], hasMore: false });
    expect(ids(s)).toEqual([3, 4, 5, 6]);
    expect(s.hasMore).toBe(false);
    s = chatReducer(s, { type: "reset", messages: [msg(7)], hasMore: true });
    expect(s.items.map((i) => i.kind)).toEqual(["message", "system", "system"]);
    expect(s.items[2]).toMatchObject({ tone: "error" });
  });

  it("keeps one error line: a new failure replaces the last, other lines stay", () => {
    let s = chatReducer(emptyChat, { type: "reset", messages: [msg(1)], hasMore: false });
    s = chatReducer(s, { type: "system", text: "Unknown command /x — type /help", tone: "error" });
    s = chatReducer(s, { type: "system", text: "bob is online" });
    s = chatReducer(s, { type: "system", text: "No room named #nope", tone: "error" });
    const lines = s.items.flatMap((i) => (i.kind === "system" ? [[i.tone, i.text]] : []));
    expect(lines).toEqual([
      ["presence", "bob is online"],
      ["error", "No room named #nope"],
    ]);
  });
});

describe("pending sends", () => {
  it("offers a retry only for failures a resend can fix", () => {
    let s = emptyChat;
    const refusals = [
      ["x-offline", { code: "UNAVAILABLE", message: "No answer from the server." }, true],
      ["x-slow", { code: "RATE_LIMITED", message: "Slow mode is on: wait 9 s before your next message here." }, true],
      ["x-crash", { code: "INTERNAL", message: "Something went wrong on the server. Please try again." }, true],
      ["x-filter", { code: "FORBIDDEN", message: "Your message contains a word that is not allowed here, so it was not sent. Please rephrase it." }, false],
      ["x-whisper", { code: "NOT_FOUND", message: "nobody is not in #general." }, false],
      ["x-invalid", { code: "VALIDATION", message: "Message can't be empty" }, false],
      ["x-elsewhere", { code: "CONFLICT", message: "That message was already sent in another conversation." }, false],
    ] as const;
    for (const [clientId, error] of refusals) {
      s = chatReducer(s, { type: "pending", item: pending(clientId) });
      s = chatReducer(s, { type: "sending", clientId, attempt: 1 });
      s = chatReducer(s, { type: "failed", clientId, attempt: 1, error });
    }
    for (const [clientId, error, retryable] of refusals) {
      expect(pendingOf(s, clientId)).toMatchObject({ status: "failed", error: error.message, retryable });
      const retried = chatReducer(s, { type: "retry", clientId });
      expect(pendingOf(retried, clientId)?.status).toBe(retryable ? "queued" : "failed");
    }
  });

  it("ignores the answer to an attempt it has already resent", () => {
    let s = chatReducer(emptyChat, { type: "pending", item: pending("x1") });
    s = chatReducer(s, { type: "sending", clientId: "x1", attempt: 1 });
    s = chatReducer(s, { type: "connection-lost" });
    s = chatReducer(s, { type: "sending", clientId: "x1", attempt: 2 });
    // The first attempt's ack timer runs out while the second is on the wire.
    s = chatReducer(s, { type: "failed", clientId: "x1", attempt: 1, error: noAnswer });
    expect(pendingOf(s, "x1")).toMatchObject({ status: "sending", attempt: 2 });
  });

  it("puts what was on the wire or got no answer back in the queue when the connection drops, and nothing else", () => {
    let s = emptyChat;
    for (const id of ["on-wire", "no-answer", "limited", "filtered", "waiting"]) s = chatReducer(s, { type: "pending", item: pending(id) });
    s = chatReducer(s, { type: "sending", clientId: "on-wire", attempt: 1 });
    for (const [id, code] of [
      ["no-answer", "UNAVAILABLE"],
      ["limited", "RATE_LIMITED"],
      ["filtered", "FORBIDDEN"],
    ] as const) {
      s = chatReducer(s, { type: "sending", clientId: id, attempt: 1 });
      s = chatReducer(s, { type: "failed", clientId: id, attempt: 1, error: { code, message: "x" } });
    }
    s = chatReducer(s, { type: "connection-lost" });
    const status = Object.fromEntries(s.items.map((i) => (i.kind === "pending" ? [i.clientId, i.status] : ["", ""])));
    expect(status).toEqual({ "on-wire": "queued", "no-answer": "queued", limited: "failed", filtered: "failed", waiting: "queued" });
  });

  it("drops a pending send whose stored copy was already shown (resend answered after catch-up)", () => {
    let s = chatReducer(emptyChat, { type: "reset", messages: [msg(1)], hasMore: false });
    s = chatReducer(s, { type: "pending", item: pending("x7") });
    s = chatReducer(s, { type: "append", messages: [msg(7, "x7")] });
    s = chatReducer(s, { type: "pending", item: pending("x7") });
    // The duplicate's ack carries the message shown already.
    s = chatReducer(s, { type: "delivered", message: msg(7, "x7") });
    expect(s.items.map((i) => i.kind)).toEqual(["message", "message"]);
  });

  it("a reset that brings a pending send's stored copy drops the pending one", () => {
    let s = chatReducer(emptyChat, { type: "pending", item: pending("x8") });
    s = chatReducer(s, { type: "pending", item: pending("x9", 2) });
    s = chatReducer(s, { type: "reset", messages: [msg(8, "x8")], hasMore: true });
    expect(s.items.map((i) => (i.kind === "message" ? i.message.id : i.kind === "pending" ? i.clientId : i.kind))).toEqual([8, "x9"]);
  });
});

describe("changes to stored messages", () => {
  it("replaces a message in place with a newer copy, and never with an older one", () => {
    let s = chatReducer(emptyChat, { type: "reset", messages: [msg(1), msg(2)], hasMore: false, changeSeq: 4 });
    s = chatReducer(s, { type: "updated", messages: [{ ...msg(2), body: "", removed: true, removedBy: "author", changeSeq: 6 }] });
    expect(s.items[1]).toMatchObject({ kind: "message", message: { id: 2, body: "", removed: true, removedBy: "author" } });
    expect(s.changeSeq).toBe(6);
    // An edit numbered earlier arrives late (another node's broadcast): the deletion stays.
    s = chatReducer(s, { type: "updated", messages: [{ ...msg(2), body: "edited", editedAt: "2026-01-01T00:00:00.000Z", changeSeq: 5 }] });
    expect(s.items[1]).toMatchObject({ message: { id: 2, removed: true } });
    expect(s.changeSeq).toBe(6);
  });

  it("ignores messages it does not hold but keeps the room's change number", () => {
    const s = chatReducer(emptyChat, { type: "reset", messages: [msg(1)], hasMore: true, changeSeq: 1 });
    const next = chatReducer(s, { type: "updated", messages: [{ ...msg(99), changeSeq: 3 }], changeSeq: 7 });
    expect(next.items).toEqual(s.items);
    expect(next.changeSeq).toBe(7);
  });

  it("follows a parent's edit and deletion in the quotes of its replies", () => {
    const parent = msg(1);
    const reply = { ...msg(2), replyTo: { id: 1, author: parent.author, excerpt: parent.body } };
    let s = chatReducer(emptyChat, { type: "reset", messages: [parent, reply], hasMore: false });
    s = chatReducer(s, { type: "updated", messages: [{ ...parent, body: "fixed typo", editedAt: "2026-01-01T00:00:00.000Z", changeSeq: 1 }] });
    expect(s.items[1]).toMatchObject({ message: { replyTo: { id: 1, excerpt: "fixed typo" } } });
    s = chatReducer(s, { type: "updated", messages: [{ ...parent, body: "", removed: true, removedBy: "author", changeSeq: 2 }] });
    expect(s.items[1]).toMatchObject({ message: { replyTo: { id: 1, excerpt: "", removed: true } } });
  });
});

describe("a reload after too much was missed", () => {
  it("keeps messages that arrived live while the newest page was on its way", () => {
    let s = chatReducer(emptyChat, { type: "reset", messages: [msg(1), msg(2)], hasMore: false });
    // Reconnected: #305 arrives live; then the catch-up answers with a reload of the newest page (up to #300).
    s = chatReducer(s, { type: "append", messages: [msg(305)] });
    s = chatReducer(s, { type: "reset", messages: [msg(299), msg(300)], hasMore: true });
    expect(s.items.map((i) => (i.kind === "message" ? i.message.id : null))).toEqual([299, 300, 305]);
    expect(s.lastId).toBe(305);
    expect(s.seen.has(305)).toBe(true);
  });
});

describe("a window into older history (jump to a search result)", () => {
  const newest = chatReducer(emptyChat, { type: "reset", messages: [msg(90), msg(91)], hasMore: true });

  it("replaces the newest page and holds back live messages until the newer pages are in", () => {
    const window = chatReducer(newest, { type: "window", messages: [msg(10), msg(11), msg(12)], hasMore: true, hasNewer: true });
    expect(ids(window)).toEqual([10, 11, 12]);
    expect(window.hasNewer).toBe(true);
    expect(window.lastId).toBe(12);
    // A live message would leave a gap after 12: it comes with the pages instead.
    expect(ids(chatReducer(window, { type: "append", messages: [msg(92)] }))).toEqual([10, 11, 12]);
    const older = chatReducer(window, { type: "prepend", messages: [msg(8), msg(9)], hasMore: false });
    expect(ids(older)).toEqual([8, 9, 10, 11, 12]);
    expect(older.hasNewer).toBe(true);
  });

  it("scrolls down page by page and becomes a live stream again on the last page", () => {
    const window = chatReducer(newest, { type: "window", messages: [msg(10), msg(11)], hasMore: true, hasNewer: true });
    const next = chatReducer(window, { type: "append-newer", messages: [msg(10), msg(11), msg(12), msg(13)], hasNewer: true });
    expect(ids(next)).toEqual([10, 11, 12, 13]);
    expect(next.hasNewer).toBe(true);
    const last = chatReducer(next, { type: "append-newer", messages: [msg(13), msg(14)], hasNewer: false });
    expect(ids(last)).toEqual([10, 11, 12, 13, 14]);
    expect(last.hasNewer).toBe(false);
    expect(ids(chatReducer(last, { type: "append", messages: [msg(15)] }))).toEqual([10, 11, 12, 13, 14, 15]);
  });

  it("a reload of the newest page ends the window", () => {
    const window = chatReducer(newest, { type: "window", messages: [msg(10)], hasMore: true, hasNewer: true });
    const reset = chatReducer(window, { type: "reset", messages: [msg(90), msg(91)], hasMore: true });
    expect(reset.hasNewer).toBeFalsy();
    expect(ids(chatReducer(reset, { type: "append", messages: [msg(92)] }))).toEqual([90, 91, 92]);
  });
});
