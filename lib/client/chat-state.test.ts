import { describe, expect, it } from "vitest";
import { chatReducer, emptyChat, type ChatState } from "@/lib/client/chat-state";
import type { ChatMessage } from "@/lib/types";

const author = { id: "u1", username: "a", displayName: "A" };
const msg = (id: number, clientId = `c${id}`): ChatMessage => ({ id, roomId: "r", body: `m${id}`, clientId, createdAt: new Date(0).toISOString(), author, kind: "text" });
const ids = (s: ChatState) => s.items.flatMap((i) => (i.kind === "message" ? [i.message.id] : []));
const pending = (clientId: string) => ({ kind: "pending" as const, key: `p${clientId}`, clientId, body: "hi", author, createdAt: "", options: {} });

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
    s = chatReducer(s, { type: "failed", clientId: "x1", error: "No answer from the server." });
    expect(s.items[0]).toMatchObject({ kind: "pending", error: "No answer from the server." });
    s = chatReducer(s, { type: "retrying", clientId: "x1" });
    expect(s.items[0]).toMatchObject({ kind: "pending", error: undefined });
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
});

describe("moderator removal", () => {
  it("keeps the message in place, emptied and marked removed", () => {
    let s = chatReducer(emptyChat, { type: "reset", messages: [msg(1), msg(2)], hasMore: false });
    s = chatReducer(s, { type: "removed", messageId: 2 });
    expect(s.items[1]).toMatchObject({ kind: "message", message: { id: 2, body: "", removed: true } });
    expect(chatReducer(s, { type: "removed", messageId: 99 })).toBe(s);
  });
});
