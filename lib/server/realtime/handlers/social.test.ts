import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SentMessage } from "@/lib/shared/events";
import type { PublicProfile } from "@/lib/shared/schemas/profile";
import type { ChatMessage, MyRoom, PublicUser } from "@/lib/shared/types";
import type { TestServer } from "@/tests/socket-harness";
import { call, collect, next, sleep, startTestServer } from "@/tests/socket-harness";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

const person = (name?: string) => server.person({ name, joinGeneral: true });

describe("whispers", () => {
  it("to a username nobody has says there is no such user; to someone elsewhere, that they are not in the room", async () => {
    const amy = await person();
    const away = await server.person();
    const unknown = await call(amy.client, "message:send", { roomId: server.roomId, body: "hello?", clientId: "whisper-none-1", whisperTo: "nobodyx" });
    expect(unknown).toMatchObject({ ok: false, error: { code: "NOT_FOUND", message: "No user named nobodyx" } });
    const room = await call<MyRoom>(amy.client, "room:create", { name: `side${Date.now().toString(36)}`, kind: "public", memberLimit: 0 });
    if (!room.ok) throw new Error(room.error.message);
    const elsewhere = await call(amy.client, "message:send", {
      roomId: room.data.id,
      body: "hello?",
      clientId: "whisper-none-2",
      whisperTo: away.user.username,
    });
    expect(elsewhere).toMatchObject({ ok: false, error: { message: `${away.user.username} is not in #${room.data.name}.` } });
  });

  it("reach only the target and the sender — at socket level and in history", async () => {
    const amy = await person();
    const bo = await person();
    const eve = await person();
    const eveSaw = collect<ChatMessage>(eve.client, "message:new");
    const boGets = next<ChatMessage>(bo.client, "message:new");
    const ack = await call<ChatMessage>(amy.client, "message:send", {
      roomId: server.roomId,
      body: "psst",
      clientId: "whisper-0001",
      whisperTo: bo.user.username,
    });
    expect(ack).toMatchObject({ ok: true, data: { kind: "whisper", recipient: { id: bo.user.id } } });
    expect(await boGets).toMatchObject({ body: "psst", kind: "whisper", author: { id: amy.user.id } });
    await sleep(150);
    expect(eveSaw.seen.filter((m) => m.body === "psst")).toEqual([]);

    const historyFor = async (client: typeof eve.client) => {
      const r = await call<{ messages: ChatMessage[] }>(client, "message:history", { roomId: server.roomId });
      return r.ok ? r.data.messages.map((m) => m.body) : [];
    };
    expect(await historyFor(eve.client)).not.toContain("psst");
    expect(await historyFor(bo.client)).toContain("psst");
    expect(await historyFor(amy.client)).toContain("psst");

    expect(await call(amy.client, "message:send", { roomId: server.roomId, body: "x", clientId: "whisper-0002", whisperTo: "no_such_user" })).toMatchObject({
      ok: false,
      error: { code: "NOT_FOUND" },
    });
  });
});

describe("direct messages", () => {
  it("tells the sender who is offline, and an offline recipient gets it with an unread badge on login — also after a restart", async () => {
    const dataServer = await startTestServer();
    const sender = await dataServer.createUser("dm_sender");
    const away = await dataServer.createUser("dm_away");
    const here = await dataServer.createUser("dm_here");
    const senderSocket = await dataServer.connectAs(sender);
    const hereSocket = await dataServer.connectAs(here);

    const added = next<MyRoom>(hereSocket, "room:added");
    const opened = await call<MyRoom>(senderSocket, "dm:open", { usernames: ["dm_away", "@DM_here"] });
    if (!opened.ok) throw new Error(opened.error.message);
    expect(opened.data.kind).toBe("dm");
    expect(opened.data.participants?.map((p) => p.username).sort()).toEqual(["dm_away", "dm_here", "dm_sender"]);
    expect((await added).id).toBe(opened.data.id);

    const sent = await call<SentMessage>(senderSocket, "message:send", { roomId: opened.data.id, body: "see you tomorrow", clientId: "dm-0000001" });
    if (!sent.ok) throw new Error(sent.error.message);
    expect(sent.data.delivery?.map((d) => [d.user.username, d.online]).sort()).toEqual([
      ["dm_away", false],
      ["dm_here", true],
    ]);

    // The same people always get the same conversation.
    const again = await call<MyRoom>(senderSocket, "dm:open", { usernames: ["dm_here", "dm_away"] });
    expect(again.ok && again.data.id).toBe(opened.data.id);

    const dataDir = dataServer.dataDir;
    await dataServer.close({ keepDatabase: true });
    const restarted = await startTestServer({ dataDir, database: dataServer.database });
    try {
      const awaySocket = await restarted.connectAs(away);
      const mine = await call<{ rooms: MyRoom[] }>(awaySocket, "room:mine", {});
      const dm = mine.ok ? mine.data.rooms.find((r) => r.id === opened.data.id) : undefined;
      expect(dm).toMatchObject({ kind: "dm", unread: 1 });
      const joined = await call<{ messages: ChatMessage[] }>(awaySocket, "room:join", { roomId: opened.data.id });
      expect(joined.ok && joined.data.messages.map((m) => m.body)).toEqual(["see you tomorrow"]);
    } finally {
      await restarted.close();
    }
  });

  it("outsiders can neither join nor read a DM", async () => {
    const a = await person();
    const b = await person();
    const outsider = await person();
    const opened = await call<MyRoom>(a.client, "dm:open", { usernames: [b.user.username] });
    if (!opened.ok) throw new Error("dm failed");
    expect(await call(outsider.client, "room:join", { roomId: opened.data.id })).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect(await call(outsider.client, "message:history", { roomId: opened.data.id })).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    expect(await call(a.client, "dm:open", { usernames: [a.user.username] })).toMatchObject({ ok: false, error: { code: "VALIDATION" } });
    expect(await call(a.client, "dm:open", { usernames: Array.from({ length: 10 }, (_, i) => `u${i}xx`) })).toMatchObject({
      ok: false,
      error: { message: "Group messages can include at most 9 others" },
    });
  });
});

describe("blocking", () => {
  it("refuses DMs and whispers from a blocked user, stores nothing, and survives a reconnect", async () => {
    const alice = await person();
    const mallory = await person();
    const opened = await call<MyRoom>(mallory.client, "dm:open", { usernames: [alice.user.username] });
    if (!opened.ok) throw new Error("dm failed");

    expect(await call(alice.client, "block:add", { usernames: [mallory.user.username] })).toMatchObject({
      ok: true,
      data: { blocked: [{ id: mallory.user.id }] },
    });
    const aliceSaw = collect<ChatMessage>(alice.client, "message:new");
    const before = await server.context.db.message.count();
    const refused = `${alice.user.username} has blocked you — message not sent`;
    expect(await call(mallory.client, "message:send", { roomId: opened.data.id, body: "hello?", clientId: "blocked-0001" })).toMatchObject({
      ok: false,
      error: { message: refused },
    });
    expect(
      await call(mallory.client, "message:send", { roomId: server.roomId, body: "psst", clientId: "blocked-0002", whisperTo: alice.user.username }),
    ).toMatchObject({ ok: false, error: { message: refused } });
    expect(await call(mallory.client, "dm:open", { usernames: [alice.user.username] })).toMatchObject({ ok: false, error: { message: refused } });
    await sleep(100);
    expect(aliceSaw.seen).toEqual([]);
    expect(await server.context.db.message.count()).toBe(before);

    // Room messages are not hidden by a block.
    expect(await call(mallory.client, "message:send", { roomId: server.roomId, body: "in the open", clientId: "blocked-0003" })).toMatchObject({ ok: true });

    const reconnected = await server.connectAs(alice.user);
    const list = await call<{ users: PublicUser[] }>(reconnected, "block:list", {});
    expect(list.ok && list.data.users.map((u) => u.id)).toEqual([mallory.user.id]);
    expect(await call(reconnected, "block:remove", { usernames: [mallory.user.username] })).toMatchObject({
      ok: true,
      data: { unblocked: [{ id: mallory.user.id }], notBlocked: [] },
    });
    // Unblocking someone who isn't blocked (any more) says so instead of pretending.
    expect(await call(reconnected, "block:remove", { usernames: [mallory.user.username] })).toMatchObject({
      ok: true,
      data: { unblocked: [], notBlocked: [{ id: mallory.user.id }] },
    });
    expect(await call(mallory.client, "message:send", { roomId: opened.data.id, body: "friends again", clientId: "blocked-0004" })).toMatchObject({ ok: true });
    expect(await call(alice.client, "block:add", { usernames: [alice.user.username] })).toMatchObject({
      ok: false,
      error: { message: "You can't block yourself." },
    });
  });
});

describe("looking people up", () => {
  it("/check shows only the public profile", async () => {
    const a = await person();
    const b = await person();
    const checked = await call<PublicProfile>(a.client, "user:check", { username: `@${b.user.username}` });
    expect(checked.ok && Object.keys(checked.data).sort()).toEqual([
      "avatarUrl",
      "displayName",
      "id",
      "joinedAt",
      "lastSeenAt",
      "online",
      "statusLine",
      "username",
    ]);
    expect(checked).toMatchObject({ ok: true, data: { online: true } });
    expect(await call(a.client, "user:check", { username: "nobody_at_all" })).toMatchObject({ ok: false, error: { message: "No user named nobody_at_all" } });
  });

  it("/last and /active take 1–60 minutes and respect the cut-off", async () => {
    const a = await person();
    const quiet = await server.createUser();
    const now = Date.now();
    await server.context.db.user.update({
      where: { id: quiet.id },
      data: { lastSeenAt: new Date(now - 10 * 60_000 + 5_000), lastActiveAt: new Date(now - 10 * 60_000 - 5_000) },
    });
    const names = async (event: string, minutes: unknown) => {
      const r = await call<{ users: PublicUser[] }>(a.client, event, { minutes });
      if (!r.ok) throw new Error(r.error.message);
      return r.data.users.map((u) => u.id);
    };
    expect(await names("users:last", 10)).toContain(quiet.id);
    expect(await names("users:last", 9)).not.toContain(quiet.id);
    expect(await names("users:last", 1)).toContain(a.user.id);
    expect(await names("users:active", 11)).toContain(quiet.id);
    expect(await names("users:active", 10)).not.toContain(quiet.id);
    expect(await names("users:active", 1)).toContain(a.user.id);
    for (const bad of [0, 61, 1.5, "5"]) {
      expect(await call(a.client, "users:last", { minutes: bad })).toMatchObject({ ok: false, error: { code: "VALIDATION" } });
    }
    expect(await call(a.client, "users:active", { minutes: 0 })).toMatchObject({ ok: false, error: { message: "Give a number of minutes from 1 to 60" } });
  });
});
