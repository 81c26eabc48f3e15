import { describe, expect, it } from "vitest";
import type { StreamItem } from "@/lib/client/chat-state";
import type { ListRow } from "@/lib/client/message-layout";
import { dayLabel, layoutStream, unreadAfterOnOpen } from "@/lib/client/message-layout";
import { formatDate } from "@/lib/shared/format-time";
import type { ChatMessage, PublicUser } from "@/lib/shared/types";

const ann: PublicUser = { id: "ann", username: "ann", displayName: "Ann" };
const ben: PublicUser = { id: "ben", username: "ben", displayName: "Ben" };
const now = new Date(2026, 11, 2, 12, 0);
const at = (minutes: number) => new Date(now.getTime() + minutes * 60_000).toISOString();
const msg = (id: number, author: PublicUser, minutes: number, extra: Partial<ChatMessage> = {}): StreamItem => ({
  kind: "message",
  key: `m${id}`,
  message: { id, roomId: "r", body: `b${id}`, clientId: `c${id}`, createdAt: at(minutes), author, kind: "text", ...extra },
});
const layout = (items: StreamItem[], unreadAfter: number | null = null) => layoutStream(items, { unreadAfter, meId: "ben", now });
/** "D" date divider, "U" new messages, "H" a message with its header, "c" a compact one. */
const shape = (rows: ListRow[]) => rows.map((r) => (r.type === "date" ? "D" : r.type === "unread" ? "U" : r.compact ? "c" : "H")).join("");

describe("message grouping", () => {
  it("shows the author once for consecutive messages within five minutes", () => {
    expect(shape(layout([msg(1, ann, -10), msg(2, ann, -9), msg(3, ann, -5)]))).toBe("DHcc");
  });

  it("starts a new group for another author or after a five-minute gap", () => {
    expect(shape(layout([msg(1, ann, -20), msg(2, ben, -19), msg(3, ben, -18), msg(4, ben, -13)]))).toBe("DHHcH");
  });

  it("never groups a whisper, a /me action, a removed message or a system line", () => {
    const system: StreamItem = { kind: "system", key: "s1", text: "Ben is online", createdAt: at(-8), tone: "presence" };
    expect(shape(layout([msg(1, ann, -10), msg(2, ann, -9, { kind: "whisper", recipient: ben }), msg(3, ann, -9)]))).toBe("DHHH");
    expect(shape(layout([msg(1, ann, -10), msg(2, ann, -9, { kind: "me" }), msg(3, ann, -9)]))).toBe("DHHH");
    expect(shape(layout([msg(1, ann, -10), msg(2, ann, -9, { removed: true, body: "" }), msg(3, ann, -9)]))).toBe("DHHH");
    expect(shape(layout([msg(1, ann, -10), system, msg(3, ann, -7)]))).toBe("DHHH");
  });

  it("groups the user's own pending send under their stored message", () => {
    const pending: StreamItem = {
      kind: "pending",
      key: "px",
      clientId: "x",
      body: "hi",
      author: ben,
      createdAt: at(-1),
      options: {},
      seq: 1,
      status: "sending",
      attempt: 1,
    };
    expect(shape(layout([msg(1, ben, -2), pending]))).toBe("DHc");
  });
});

describe("dividers", () => {
  it("puts a date divider where the reader's day changes, which also breaks a group", () => {
    const lateYesterday = new Date(2026, 11, 1, 23, 58).toISOString();
    const lastWeek = new Date(2026, 10, 24, 9, 0).toISOString();
    const justAfterMidnight = new Date(2026, 11, 2, 0, 1).toISOString();
    // 23:58 yesterday and 00:01 today are 3 minutes apart, yet in two groups.
    const items = [msg(1, ann, 0, { createdAt: lastWeek }), msg(2, ann, 0, { createdAt: lateYesterday }), msg(3, ann, 0, { createdAt: justAfterMidnight })];
    const rows = layout(items);
    expect(shape(rows)).toBe("DHDHDH");
    expect(rows.flatMap((r) => (r.type === "date" ? [r.label] : []))).toEqual([formatDate(lastWeek), "Yesterday", "Today"]);
  });

  it("leaves date dividers out of the server's HTML (the reader's days are not the server's), keeping New messages", () => {
    const lateYesterday = new Date(2026, 11, 1, 23, 58).toISOString();
    const items = [msg(1, ann, 0, { createdAt: lateYesterday }), msg(2, ann, -3), msg(3, ann, -2)];
    expect(shape(layoutStream(items, { unreadAfter: 2, meId: "ben", now, dates: false }))).toBe("HHUH");
    expect(shape(layoutStream(items, { unreadAfter: 2, meId: "ben", now }))).toBe("DHDHUH");
  });

  it("labels days Today, Yesterday, then by date", () => {
    expect(dayLabel(at(-60), now)).toBe("Today");
    expect(dayLabel(new Date(2026, 11, 1, 8).toISOString(), now)).toBe("Yesterday");
    expect(dayLabel(new Date(2026, 10, 30, 8).toISOString(), now)).toBe(formatDate(new Date(2026, 10, 30, 8)));
  });

  it("marks the first unread message from someone else, and breaks the group there", () => {
    const items = [msg(1, ann, -10), msg(2, ann, -9), msg(3, ben, -8), msg(4, ann, -7), msg(5, ann, -6)];
    // Ben (the reader) had read up to 2; his own message 3 is not "new" to him.
    expect(shape(layout(items, 2))).toBe("DHcHUHc");
    const rows = layout(items, 2);
    expect(rows[rows.findIndex((r) => r.type === "unread") + 1]).toMatchObject({ key: "m4" });
  });

  it("shows no New messages divider when nothing was unread", () => {
    expect(layout([msg(1, ann, -10), msg(2, ann, -9)], null).some((r) => r.type === "unread")).toBe(false);
  });

  it("places New messages only when something is unread in a room read before", () => {
    expect(unreadAfterOnOpen({ unread: 3, lastReadId: 40 })).toBe(40);
    expect(unreadAfterOnOpen({ unread: 0, lastReadId: 40 })).toBeNull();
    expect(unreadAfterOnOpen({ unread: 12, lastReadId: 0 })).toBeNull();
  });
});
