import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { JoinRoomResult, SentMessage } from "@/lib/shared/events";
import type { ChatMessage, MyRoom } from "@/lib/shared/types";
import type { TestClient, TestServer } from "@/tests/socket-harness";
import { call, collect, next, sleep, startTestServer } from "@/tests/socket-harness";

/**
 * Edits, deletions, reactions, replies and mentions over real sockets, on the suite's
 * database (SQLite; PostgreSQL under `npm run test:unit:pg`).
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

let n = 0;
const clientId = () => `changes-${Date.now().toString(36)}-${++n}`;
const joined = () => server.person({ joinGeneral: true });

async function ok<T>(client: TestClient, event: string, payload: unknown): Promise<T> {
  const ack = await call<T>(client, event, payload);
  if (!ack.ok) throw new Error(`${event}: ${ack.error.message}`);
  return ack.data;
}
const send = (client: TestClient, body: string, extra: Record<string, unknown> = {}, roomId = server.roomId) =>
  ok<SentMessage>(client, "message:send", { roomId, body, clientId: clientId(), ...extra });

async function privateRoom(owner: TestClient): Promise<string> {
  const room = await ok<{ id: string }>(owner, "room:create", { name: `r-${Date.now().toString(36)}-${++n}`, kind: "public" });
  return room.id;
}

describe("message:edit", () => {
  it("shows everyone the new text live with its edit time; only the author may edit", async () => {
    const author = await joined();
    const reader = await joined();
    const sent = await send(author.client, "teh typo");
    const live = next<ChatMessage>(reader.client, "message:updated");
    const edited = await ok<ChatMessage>(author.client, "message:edit", { roomId: server.roomId, messageId: sent.id, body: "the typo" });
    expect(edited).toMatchObject({ id: sent.id, body: "the typo", author: { id: author.user.id } });
    expect(Date.parse(edited.editedAt ?? "")).toBeGreaterThanOrEqual(Date.parse(sent.createdAt));
    expect(edited.changeSeq).toBeGreaterThan(0);
    expect(await live).toEqual(edited);

    const refused = await call(reader.client, "message:edit", { roomId: server.roomId, messageId: sent.id, body: "hijacked" });
    expect(refused).toMatchObject({ ok: false, error: { code: "FORBIDDEN", message: "You can only edit your own messages." } });
    const history = await ok<{ messages: ChatMessage[] }>(reader.client, "message:history", { roomId: server.roomId });
    expect(history.messages.find((m) => m.id === sent.id)).toMatchObject({ body: "the typo", editedAt: edited.editedAt });
  });

  it("follows the send rules: length, and the word filter on the new text", async () => {
    const author = await joined();
    const sent = await send(author.client, "fine words");
    const tooLong = await call(author.client, "message:edit", { roomId: server.roomId, messageId: sent.id, body: "x".repeat(2001) });
    expect(tooLong).toMatchObject({ ok: false, error: { code: "VALIDATION" } });
    const empty = await call(author.client, "message:edit", { roomId: server.roomId, messageId: sent.id, body: "   " });
    expect(empty).toMatchObject({ ok: false, error: { code: "VALIDATION", message: "Message can't be empty" } });
    const { settings } = server.context.moderation;
    await settings.update({ ...settings.get(), wordFilter: { words: ["parsnip"], mode: "block" } });
    try {
      const filtered = await call(author.client, "message:edit", { roomId: server.roomId, messageId: sent.id, body: "now with parsnip" });
      expect(filtered).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    } finally {
      await settings.update({ ...settings.get(), wordFilter: { words: [], mode: "block" } });
    }
  });

  it("refuses a message of another room, and one the editor may not read", async () => {
    const author = await joined();
    const sent = await send(author.client, "here in general");
    const roomId = await privateRoom(author.client);
    const wrongRoom = await call(author.client, "message:edit", { roomId, messageId: sent.id, body: "moved?" });
    expect(wrongRoom).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    const outsider = await server.person();
    const notJoined = await call(outsider.client, "message:edit", { roomId, messageId: sent.id, body: "x" });
    expect(notJoined).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
  });
});

describe("message:delete", () => {
  it("shows everyone 'message deleted' live, erases the text, and refuses other people", async () => {
    const author = await joined();
    const reader = await joined();
    const sent = await send(author.client, "take this back");
    const refused = await call(reader.client, "message:delete", { roomId: server.roomId, messageId: sent.id });
    expect(refused).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    const live = next<ChatMessage>(reader.client, "message:updated");
    const deleted = await ok<ChatMessage>(author.client, "message:delete", { roomId: server.roomId, messageId: sent.id });
    expect(deleted).toMatchObject({ id: sent.id, body: "", removed: true, removedBy: "author" });
    expect(await live).toMatchObject({ id: sent.id, removed: true, removedBy: "author" });
    const row = await server.context.db.message.findUnique({ where: { id: sent.id } });
    expect(row?.body).toBe("");
    const again = await call(author.client, "message:edit", { roomId: server.roomId, messageId: sent.id, body: "undo?" });
    expect(again).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
  });

  it("keeps whispers private: a deleted whisper reaches only its two people", async () => {
    const author = await joined();
    const target = await joined();
    const bystander = await joined();
    const whisper = await send(author.client, "psst", { whisperTo: target.user.username });
    const seenByBystander = collect<ChatMessage>(bystander.client, "message:updated");
    const toTarget = next<ChatMessage>(target.client, "message:updated");
    await ok(author.client, "message:delete", { roomId: server.roomId, messageId: whisper.id });
    expect(await toTarget).toMatchObject({ id: whisper.id, removed: true });
    const peek = await call(bystander.client, "reaction:add", { roomId: server.roomId, messageId: whisper.id, emoji: "👀" });
    expect(peek).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    await sleep(200);
    expect(seenByBystander.seen.find((m) => m.id === whisper.id)).toBeUndefined();
  });
});

describe("reactions", () => {
  it("adds and removes one person's emoji live, with counts and who reacted", async () => {
    const author = await joined();
    const fan = await joined();
    const sent = await send(author.client, "ship it");
    const live = next<ChatMessage>(author.client, "message:updated");
    const added = await ok<ChatMessage>(fan.client, "reaction:add", { roomId: server.roomId, messageId: sent.id, emoji: "🎉" });
    expect(added.reactions).toEqual([{ emoji: "🎉", count: 1, users: [{ id: fan.user.id, displayName: fan.user.displayName }] }]);
    expect((await live).reactions).toEqual(added.reactions);

    // The same reaction again changes nothing and broadcasts nothing.
    const quiet = collect<ChatMessage>(author.client, "message:updated");
    const twice = await ok<ChatMessage>(fan.client, "reaction:add", { roomId: server.roomId, messageId: sent.id, emoji: "🎉" });
    expect(twice.reactions?.[0]?.count).toBe(1);
    expect(twice.changeSeq).toBe(added.changeSeq);
    await ok(author.client, "reaction:add", { roomId: server.roomId, messageId: sent.id, emoji: "🎉" });
    const both = await ok<ChatMessage>(author.client, "reaction:add", { roomId: server.roomId, messageId: sent.id, emoji: "👍🏽" });
    expect(both.reactions?.map((r) => [r.emoji, r.count])).toEqual([
      ["🎉", 2],
      ["👍🏽", 1],
    ]);
    const removed = await ok<ChatMessage>(fan.client, "reaction:remove", { roomId: server.roomId, messageId: sent.id, emoji: "🎉" });
    expect(removed.reactions?.map((r) => [r.emoji, r.count])).toEqual([
      ["🎉", 1],
      ["👍🏽", 1],
    ]);
    await expect.poll(() => quiet.seen.length).toBe(3);
  });

  it("refuses text, markup and several emoji as a reaction, and a reaction without read access", async () => {
    const author = await joined();
    const sent = await send(author.client, "react to me");
    for (const emoji of ["lol", "<img src=x onerror=alert(1)>", "👍👍", ""]) {
      const refused = await call(author.client, "reaction:add", { roomId: server.roomId, messageId: sent.id, emoji });
      expect(refused).toMatchObject({ ok: false, error: { code: "VALIDATION" } });
    }
    const roomId = await privateRoom(author.client);
    const inRoom = await send(author.client, "members only", {}, roomId);
    const outsider = await joined();
    const notMember = await call(outsider.client, "reaction:add", { roomId, messageId: inRoom.id, emoji: "👍" });
    expect(notMember).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    // Naming a room they are in (#general) does not reach a message of another room either.
    const sideways = await call(outsider.client, "reaction:add", { roomId: server.roomId, messageId: inRoom.id, emoji: "👍" });
    expect(sideways).toMatchObject({ ok: false, error: { code: "NOT_FOUND", message: "That message doesn't exist in this conversation." } });
  });
});

describe("replies", () => {
  it("carries a quote of its parent; a reply to another room's message is refused; a deleted parent reads as deleted", async () => {
    const author = await joined();
    const other = await joined();
    const parent = await send(author.client, "what time is the meeting?");
    const reply = await send(other.client, "at 3", { replyTo: parent.id });
    expect(reply.replyTo).toEqual({ id: parent.id, author: parent.author, excerpt: "what time is the meeting?" });

    const roomId = await privateRoom(other.client);
    const sideways = await call(other.client, "message:send", { roomId, body: "cross-room", clientId: clientId(), replyTo: parent.id });
    expect(sideways).toMatchObject({ ok: false, error: { code: "VALIDATION", message: expect.stringContaining("in this conversation") } });

    await ok(author.client, "message:delete", { roomId: server.roomId, messageId: parent.id });
    const history = await ok<{ messages: ChatMessage[] }>(other.client, "message:history", { roomId: server.roomId });
    expect(history.messages.find((m) => m.id === reply.id)?.replyTo).toMatchObject({ id: parent.id, excerpt: "", removed: true });
  });

  it("never quotes a whisper in the room", async () => {
    const a = await joined();
    const b = await joined();
    const whisper = await send(a.client, "secret plan", { whisperTo: b.user.username });
    const inRoom = await call(b.client, "message:send", { roomId: server.roomId, body: "lol", clientId: clientId(), replyTo: whisper.id });
    expect(inRoom).toMatchObject({ ok: false, error: { code: "VALIDATION" } });
    const back = await send(b.client, "ok", { replyTo: whisper.id, whisperTo: a.user.username });
    expect(back.replyTo?.excerpt).toBe("secret plan");
  });
});

describe("mentions", () => {
  it("are parsed from the text on the server: members only, not in code, not blockers; the badge counts them", async () => {
    const author = await joined();
    const bob = await joined();
    const carol = await joined();
    const outsider = await server.person();
    const roomId = await privateRoom(author.client);
    await ok(bob.client, "room:join", { roomId });
    await ok(carol.client, "room:join", { roomId });
    await ok(carol.client, "block:add", { usernames: [author.user.username] });
    const sent = await send(
      author.client,
      `hi @${bob.user.username.toUpperCase()} and @${carol.user.username}, not @${outsider.user.username} or \`@${bob.user.username}\` a@b.c`,
      { mentions: { userIds: [outsider.user.id] } },
      roomId,
    );
    expect(sent.mentions).toEqual({ userIds: [bob.user.id], usernames: [bob.user.username, carol.user.username] });
    bob.client.disconnect();
    const again = await server.connectAs(bob.user);
    const mine = await ok<{ rooms: MyRoom[] }>(again, "room:mine", {});
    expect(mine.rooms.find((r) => r.id === roomId)).toMatchObject({ unread: 1, mentions: 1 });
    const carolRooms = await ok<{ rooms: MyRoom[] }>(carol.client, "room:mine", {});
    expect(carolRooms.rooms.find((r) => r.id === roomId)?.mentions).toBeUndefined();
  });

  it("@here addresses the room's online members when its owner writes it, and is text from anyone else", async () => {
    const owner = await joined();
    const member = await joined();
    const roomId = await privateRoom(owner.client);
    await ok(member.client, "room:join", { roomId });
    const fromMember = await send(member.client, "@here lunch?", {}, roomId);
    expect(fromMember.mentions).toBeUndefined();
    const fromOwner = await send(owner.client, "@here meeting now", {}, roomId);
    expect(fromOwner.mentions).toEqual({ userIds: [member.user.id], usernames: [], here: true });
  });

  it("an edit parses them again", async () => {
    const author = await joined();
    const bob = await joined();
    const sent = await send(author.client, "hello");
    const edited = await ok<ChatMessage>(author.client, "message:edit", { roomId: server.roomId, messageId: sent.id, body: `hello @${bob.user.username}` });
    expect(edited.mentions?.userIds).toEqual([bob.user.id]);
  });
});

describe("catch-up covers changes", () => {
  it("a client that was away gets the messages and the edits, deletions and reactions it missed", async () => {
    const author = await joined();
    const reader = await joined();
    const first = await send(author.client, "one");
    const second = await send(author.client, "two");
    const third = await send(author.client, "three");
    const join = await ok<JoinRoomResult>(reader.client, "room:join", { roomId: server.roomId });
    const lastId = join.messages.at(-1)?.id ?? 0;
    expect(lastId).toBe(third.id);
    reader.client.disconnect();

    await ok(author.client, "message:edit", { roomId: server.roomId, messageId: first.id, body: "one (fixed)" });
    await ok(author.client, "message:delete", { roomId: server.roomId, messageId: second.id });
    await ok(author.client, "reaction:add", { roomId: server.roomId, messageId: third.id, emoji: "🔥" });
    const fourth = await send(author.client, "four", { replyTo: third.id });

    const back = await server.connectAs(reader.user);
    const caught = await ok<JoinRoomResult>(back, "room:join", { roomId: server.roomId, afterId: lastId, afterChange: join.changeSeq });
    expect(caught.caughtUp).toBe(true);
    expect(caught.messages.map((m) => m.id)).toEqual([fourth.id]);
    const changed = new Map((caught.changed ?? []).map((m) => [m.id, m]));
    expect([...changed.keys()].sort()).toEqual([first.id, second.id, third.id].sort());
    expect(changed.get(first.id)).toMatchObject({ body: "one (fixed)" });
    expect(changed.get(second.id)).toMatchObject({ removed: true, removedBy: "author" });
    expect(changed.get(third.id)?.reactions?.[0]).toMatchObject({ emoji: "🔥", count: 1 });
    expect(caught.changeSeq).toBeGreaterThan(join.changeSeq);

    // Caught up: asking from the new cursor brings nothing twice.
    const none = await ok<JoinRoomResult>(back, "room:join", { roomId: server.roomId, afterId: fourth.id, afterChange: caught.changeSeq });
    expect(none.messages).toEqual([]);
    expect(none.changed).toEqual([]);
  });

  it("a moderator's removal is caught up too", async () => {
    const author = await joined();
    const reader = await joined();
    const admin = await server.person({ role: "admin", joinGeneral: true });
    const sent = await send(author.client, "rude words");
    const join = await ok<JoinRoomResult>(reader.client, "room:join", { roomId: server.roomId });
    reader.client.disconnect();
    await ok(admin.client, "moderation:delete-message", { messageId: sent.id, reason: "rude" });
    const back = await server.connectAs(reader.user);
    const caught = await ok<JoinRoomResult>(back, "room:join", { roomId: server.roomId, afterId: join.messages.at(-1)?.id ?? 0, afterChange: join.changeSeq });
    expect(caught.changed?.find((m) => m.id === sent.id)).toMatchObject({ removed: true, removedBy: "moderator", body: "" });
  });
});

describe("after a server restart", () => {
  it("changes made before it are caught up from the cursor the client kept", async () => {
    const first = await startTestServer();
    let second: TestServer | null = null;
    try {
      const author = await first.person({ joinGeneral: true });
      const reader = await first.person({ joinGeneral: true });
      const sent = await ok<SentMessage>(author.client, "message:send", { roomId: first.roomId, body: "before", clientId: clientId() });
      const join = await ok<JoinRoomResult>(reader.client, "room:join", { roomId: first.roomId });
      reader.client.disconnect();
      await ok(author.client, "message:edit", { roomId: first.roomId, messageId: sent.id, body: "after the edit" });
      await ok(author.client, "reaction:add", { roomId: first.roomId, messageId: sent.id, emoji: "✅" });
      await first.close({ keepDatabase: true });

      second = await startTestServer({ dataDir: first.dataDir, database: first.database });
      const back = await second.connectAs(reader.user);
      const caught = await ok<JoinRoomResult>(back, "room:join", { roomId: second.roomId, afterId: sent.id, afterChange: join.changeSeq });
      expect(caught.caughtUp).toBe(true);
      expect(caught.changed).toEqual([
        expect.objectContaining({ id: sent.id, body: "after the edit", reactions: [expect.objectContaining({ emoji: "✅", count: 1 })] }),
      ]);
    } finally {
      await second?.close();
    }
  });
});
