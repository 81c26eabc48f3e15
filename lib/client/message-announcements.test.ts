import { describe, expect, it } from "vitest";
import type { StreamItem } from "@/lib/client/chat-state";
import { announcementOf, arrivals } from "@/lib/client/message-announcements";
import type { ChatMessage, PublicUser } from "@/lib/shared/types";

const ann: PublicUser = { id: "ann", username: "ann", displayName: "Ann" };
const me: PublicUser = { id: "me", username: "me", displayName: "Me" };
const msg = (id: number, author = ann, extra: Partial<ChatMessage> = {}): StreamItem => ({
  kind: "message",
  key: `m${id}`,
  message: { id, roomId: "r", body: `b${id}`, clientId: `c${id}`, createdAt: "2026-12-02T10:00:00.000Z", author, kind: "text", ...extra },
});
const pending: StreamItem = {
  kind: "pending",
  key: "px",
  clientId: "x",
  body: "hi",
  author: me,
  createdAt: "2026-12-02T10:00:00.000Z",
  options: {},
  seq: 1,
  status: "sending",
  attempt: 1,
};
const keys = (items: StreamItem[]) => items.map((i) => i.key);

describe("what the live region reads out", () => {
  it("is what arrived at the end, never a first load, a reset or older history", () => {
    const page = [msg(10), msg(11)];
    expect(arrivals([], page)).toEqual([]);
    expect(keys(arrivals(page, [...page, msg(12), msg(13)]))).toEqual(["m12", "m13"]);
    expect(arrivals(page, [msg(8), msg(9), ...page])).toEqual([]);
    expect(arrivals(page, [msg(300), msg(301)])).toEqual([]);
    // A late message placed among older ones is not news at the bottom.
    expect(arrivals([msg(10), msg(12)], [msg(10), msg(11), msg(12)])).toEqual([]);
  });

  it("follows a sent message landing: the stored copy replaces the pending one", () => {
    expect(keys(arrivals([msg(10), pending], [msg(10), msg(11, me)]))).toEqual(["m11"]);
    expect(keys(arrivals([msg(10), pending], [msg(10), pending, msg(11)]))).toEqual(["m11"]);
  });

  it("says who wrote what, skipping the reader's own messages, unsent ones and removals", () => {
    expect(announcementOf(msg(1), "me")).toBe("Ann: b1");
    expect(announcementOf(msg(1, ann, { kind: "me", body: "waves" }), "me")).toBe("Ann waves");
    expect(announcementOf(msg(1, ann, { kind: "whisper", recipient: me }), "me")).toBe("Ann whispered to you: b1");
    expect(announcementOf(msg(1, me), "me")).toBeNull();
    expect(announcementOf(msg(1, ann, { removed: true, body: "" }), "me")).toBeNull();
    expect(announcementOf(pending, "me")).toBeNull();
    expect(announcementOf({ kind: "system", key: "s1", text: "Ann joined #lobby", createdAt: "", tone: "presence" }, "me")).toBe("Ann joined #lobby");
  });
});
