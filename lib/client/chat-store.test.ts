import { describe, expect, it } from "vitest";
import type { ChatStore } from "@/lib/client/chat-store";
import { activeStream, conversationTitle, createStore, sidebarSections, storeReducer, totalUnread } from "@/lib/client/chat-store";
import type { ChatMessage, MyRoom, RoomSummary } from "@/lib/shared/types";

const me = { id: "me", username: "me", displayName: "Me" };
const bob = { id: "b", username: "bob", displayName: "Bob" };
const summary = (id: string, extra: Partial<RoomSummary> = {}): RoomSummary => ({
  id,
  name: id,
  description: "",
  kind: "public",
  memberLimit: 0,
  slowModeSeconds: 0,
  memberCount: 1,
  ownerId: null,
  ...extra,
});
const mine = (id: string, extra: Partial<MyRoom> = {}): MyRoom => ({ ...summary(id), unread: 0, lastReadId: 0, ...extra });
const msg = (id: number, roomId: string, author = bob): ChatMessage => ({
  id,
  roomId,
  body: `m${id}`,
  clientId: `c${id}`,
  createdAt: "",
  author,
  kind: "text",
});
const ids = (s: ChatStore, roomId: string) => (s.streams[roomId]?.items ?? []).flatMap((i) => (i.kind === "message" ? [i.message.id] : []));

function loaded(): ChatStore {
  let s = createStore(summary("general"));
  s = storeReducer(s, {
    type: "rooms",
    rooms: [mine("general"), mine("lobby", { unread: 2, lastReadId: 10 }), mine("dm1", { kind: "dm", participants: [me, bob] })],
  });
  return storeReducer(s, {
    type: "joined",
    result: { room: summary("general"), messages: [msg(1, "general")], hasMore: false, caughtUp: true, changeSeq: 0 },
    catchUp: false,
  });
}

describe("multi-room store", () => {
  it("takes a message sent again after a node was lost once, in its place by id, and counts it unread once", () => {
    let s = loaded();
    s = storeReducer(s, { type: "message", message: msg(30, "general"), meId: "me", seen: false });
    s = storeReducer(s, { type: "message", message: msg(40, "general"), meId: "me", seen: false });
    // #25's first broadcast died with its node; the sender's resend brings it late, maybe twice.
    s = storeReducer(s, { type: "message", message: msg(25, "general"), meId: "me", seen: false });
    s = storeReducer(s, { type: "message", message: msg(25, "general"), meId: "me", seen: false });
    s = storeReducer(s, { type: "message", message: msg(40, "general"), meId: "me", seen: false });
    expect(ids(s, "general")).toEqual([1, 25, 30, 40]);
    expect(s.rooms.general?.unread).toBe(3);
  });

  it("counts unread messages for rooms not on screen, and none for your own", () => {
    let s = loaded();
    s = storeReducer(s, { type: "message", message: msg(11, "lobby"), meId: "me", seen: true });
    s = storeReducer(s, { type: "message", message: msg(12, "dm1"), meId: "me", seen: true });
    s = storeReducer(s, { type: "message", message: msg(13, "dm1", me), meId: "me", seen: true });
    s = storeReducer(s, { type: "message", message: msg(14, "general"), meId: "me", seen: true });
    expect(s.rooms.lobby?.unread).toBe(3);
    expect(s.rooms.dm1?.unread).toBe(1);
    expect(s.rooms.general?.unread).toBe(0);
    expect(totalUnread(s)).toBe(4);
    expect(ids(s, "general")).toEqual([1, 14]);
    // Streams not yet opened are loaded on the first visit, not built from fragments.
    expect(s.streams.lobby).toBeUndefined();
  });

  it("counts the room on screen as unread while the tab is hidden, until it is read", () => {
    let s = loaded();
    s = storeReducer(s, { type: "message", message: msg(20, "general"), meId: "me", seen: false });
    expect(s.rooms.general?.unread).toBe(1);
    s = storeReducer(s, { type: "read", roomId: "general" });
    expect(s.rooms.general).toMatchObject({ unread: 0, lastReadId: 20 });
  });

  it("does not count a message already read before the list arrived", () => {
    const s = storeReducer(loaded(), { type: "message", message: msg(9, "lobby"), meId: "me", seen: true });
    expect(s.rooms.lobby?.unread).toBe(2);
  });

  it("switches rooms keeping each stream, and catches up with what came after", () => {
    let s = storeReducer(loaded(), { type: "activate", roomId: "lobby" });
    expect(s.activeId).toBe("lobby");
    s = storeReducer(s, {
      type: "joined",
      result: { room: summary("lobby"), messages: [msg(30, "lobby"), msg(31, "lobby")], hasMore: true, caughtUp: true, changeSeq: 0 },
      catchUp: false,
    });
    s = storeReducer(s, { type: "activate", roomId: "general" });
    s = storeReducer(s, {
      type: "joined",
      result: { room: summary("general"), messages: [msg(2, "general")], hasMore: false, caughtUp: true, changeSeq: 0 },
      catchUp: true,
    });
    expect(ids(s, "general")).toEqual([1, 2]);
    expect(ids(s, "lobby")).toEqual([30, 31]);
    // Missed too much: the server says start over.
    s = storeReducer(s, {
      type: "joined",
      result: { room: summary("general"), messages: [msg(50, "general")], hasMore: true, caughtUp: false, changeSeq: 0 },
      catchUp: true,
    });
    expect(ids(s, "general")).toEqual([50]);
    expect(activeStream(s).hasMore).toBe(true);
    expect(storeReducer(s, { type: "activate", roomId: "nowhere" })).toBe(s);
  });

  it("moves you home when the room on screen is removed; home itself stays", () => {
    let s = storeReducer(loaded(), { type: "activate", roomId: "lobby" });
    s = storeReducer(s, { type: "remove", roomId: "lobby" });
    expect(s.activeId).toBe("general");
    expect(s.rooms.lobby).toBeUndefined();
    expect(storeReducer(s, { type: "remove", roomId: "general" })).toBe(s);
  });

  it("updates a room's summary without losing its unread count or participants", () => {
    let s = storeReducer(loaded(), { type: "upsert", room: summary("lobby", { description: "new", memberLimit: 5 }) });
    expect(s.rooms.lobby).toMatchObject({ description: "new", memberLimit: 5, unread: 2 });
    s = storeReducer(s, { type: "upsert", room: summary("dm1", { kind: "dm" }) });
    expect(s.rooms.dm1?.participants).toHaveLength(2);
    s = storeReducer(s, { type: "member-count", roomId: "lobby", memberCount: 7 });
    expect(s.rooms.lobby?.memberCount).toBe(7);
  });

  it("keeps the room on screen when a list arrives without it", () => {
    let s = storeReducer(loaded(), { type: "upsert", room: mine("fresh") });
    s = storeReducer(s, { type: "activate", roomId: "fresh" });
    s = storeReducer(s, { type: "rooms", rooms: [mine("general")] });
    expect(Object.keys(s.rooms).sort()).toEqual(["fresh", "general"]);
  });

  it("lists #general first, then rooms A–Z, and DMs apart, named after the others", () => {
    const s = storeReducer(loaded(), { type: "upsert", room: mine("aardvark") });
    const { rooms, dms } = sidebarSections(s);
    expect(rooms.map((r) => r.id)).toEqual(["general", "aardvark", "lobby"]);
    expect(dms.map((r) => r.id)).toEqual(["dm1"]);
    expect(conversationTitle(dms[0]!, "me")).toBe("Bob");
    expect(conversationTitle(rooms[0]!, "me")).toBe("# general");
  });

  it("renames a person in every conversation they are in, live, and leaves the rest alone", () => {
    let s = loaded();
    s = storeReducer(s, { type: "upsert", room: mine("dm2", { kind: "dm", participants: [me, bob, { id: "c", username: "carol", displayName: "Carol" }] }) });
    const before = s;
    s = storeReducer(s, { type: "user-updated", user: { id: "b", displayName: "Robert", avatarUrl: null } });
    expect(conversationTitle(s.rooms.dm1!, "me")).toBe("Robert");
    expect(conversationTitle(s.rooms.dm2!, "me")).toBe("Robert, Carol");
    expect(s.rooms.lobby).toBe(before.rooms.lobby);
    expect(storeReducer(s, { type: "user-updated", user: { id: "nobody", displayName: "X", avatarUrl: null } })).toBe(s);
  });
});

describe("the server-rendered first page", () => {
  it("shows the home room's page at once, with its read position, and the first join only catches up after it", () => {
    const first = {
      room: mine("general", { unread: 2, lastReadId: 2 }),
      messages: [msg(1, "general"), msg(2, "general"), msg(3, "general")],
      hasMore: true,
      changeSeq: 0,
    };
    let s = createStore(summary("general"), first);
    expect(activeStream(s).loaded).toBe(true);
    expect(activeStream(s).hasMore).toBe(true);
    expect(ids(s, "general")).toEqual([1, 2, 3]);
    expect(s.rooms.general).toMatchObject({ unread: 2, lastReadId: 2 });
    // room:join { afterId: 3 } answers with what came since, including one the live broadcast also brought.
    s = storeReducer(s, { type: "message", message: msg(4, "general"), meId: "me", seen: true });
    s = storeReducer(s, {
      type: "joined",
      result: { room: summary("general"), messages: [msg(4, "general"), msg(5, "general")], hasMore: false, caughtUp: true, changeSeq: 0 },
      catchUp: true,
    });
    expect(ids(s, "general")).toEqual([1, 2, 3, 4, 5]);
    // Older pages still load before it.
    expect(activeStream(s).hasMore).toBe(true);
  });

  it("starts over from the join's answer when the catch-up missed too much", () => {
    let s = createStore(summary("general"), { room: mine("general"), messages: [msg(1, "general")], hasMore: false, changeSeq: 0 });
    s = storeReducer(s, {
      type: "joined",
      result: { room: summary("general"), messages: [msg(300, "general")], hasMore: true, caughtUp: false, changeSeq: 0 },
      catchUp: true,
    });
    expect(ids(s, "general")).toEqual([300]);
    expect(activeStream(s).hasMore).toBe(true);
  });

  it("ignores a page for another room than home", () => {
    const s = createStore(summary("general"), { room: mine("lobby"), messages: [msg(1, "lobby")], hasMore: false, changeSeq: 0 });
    expect(s.streams).toEqual({});
    expect(Object.keys(s.rooms)).toEqual(["general"]);
  });
});

describe("reconnect catch-up cursor", () => {
  it("starts from where the stream stood when the connection dropped, not from live messages that came after the reconnect", () => {
    let s = createStore(summary("general"), { room: mine("general"), messages: [msg(1, "general"), msg(2, "general")], hasMore: false, changeSeq: 5 });
    s = storeReducer(s, { type: "connection-lost" });
    // Reconnected: a live message arrives before the catch-up answer.
    s = storeReducer(s, { type: "message", message: msg(9, "general"), meId: "me", seen: true });
    expect(activeStream(s).lastId).toBe(9);
    expect(activeStream(s).resume).toEqual({ afterId: 2, afterChange: 5 });
    // A second drop before the catch-up keeps the first mark.
    s = storeReducer(s, { type: "connection-lost" });
    expect(activeStream(s).resume).toEqual({ afterId: 2, afterChange: 5 });
    s = storeReducer(s, {
      type: "joined",
      result: { room: summary("general"), messages: [msg(3, "general"), msg(9, "general")], hasMore: false, caughtUp: true, changeSeq: 7, changed: [] },
      catchUp: true,
    });
    expect(activeStream(s).items.map((i) => (i.kind === "message" ? i.message.id : null))).toEqual([1, 2, 3, 9]);
    expect(activeStream(s).resume).toBeUndefined();
    expect(activeStream(s).changeSeq).toBe(7);
  });
});

describe("a jump into older history", () => {
  it("holds live messages back while the window is open, and a catch-up from its end makes the room live again", () => {
    let s = loaded();
    s = storeReducer(s, { type: "stream", roomId: "general", action: { type: "window", messages: [msg(1, "general")], hasMore: false, hasNewer: true } });
    s = storeReducer(s, { type: "message", message: msg(7, "general"), meId: "me", seen: true });
    expect(ids(s, "general")).toEqual([1]);
    s = storeReducer(s, {
      type: "joined",
      result: { room: summary("general"), messages: [msg(5, "general"), msg(7, "general")], hasMore: false, caughtUp: true, changeSeq: 0 },
      catchUp: true,
    });
    expect(ids(s, "general")).toEqual([1, 5, 7]);
    expect(activeStream(s).hasNewer).toBe(false);
    s = storeReducer(s, { type: "message", message: msg(8, "general"), meId: "me", seen: true });
    expect(ids(s, "general")).toEqual([1, 5, 7, 8]);
  });
});
