import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { ChatMessage, MyRoom, RoomMemberInfo, RoomSummary } from "@/lib/shared/types";
import type { TestServer } from "@/tests/socket-harness";
import { call, collect, next, sleep, startTestServer } from "@/tests/socket-harness";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

const person = (name?: string) => server.person({ name });

async function create(client: Parameters<typeof call>[0], payload: Record<string, unknown>) {
  const ack = await call<RoomSummary>(client, "room:create", payload);
  if (!ack.ok) throw new Error(ack.error.message);
  return ack.data;
}

describe("rooms", () => {
  it("a first connection puts the user in #general; later ones only read", async () => {
    const { user, client } = await person();
    const membership = () => server.context.db.roomMember.findUnique({ where: { roomId_userId: { roomId: server.roomId, userId: user.id } } });
    for (let i = 0; i < 20 && !(await membership()); i++) await sleep(50);
    const first = await membership();
    expect(first).not.toBeNull();
    // Subscribed without asking: messages in #general reach this socket. (The sender
    // joins explicitly, so its own send does not race its automatic subscription.)
    const sender = await server.person({ joinGeneral: true });
    const received = next<ChatMessage>(client, "message:new");
    await call(sender.client, "message:send", { roomId: server.roomId, body: "hello everyone", clientId: "general-sub-1" });
    expect(await received).toMatchObject({ body: "hello everyone" });

    const upsert = vi.spyOn(server.context.db.roomMember, "upsert");
    const again = await server.connectAs(user);
    const ids = await server.context.memberships.roomIdsWithDefault(user.id, server.roomId);
    expect(ids).toContain(server.roomId);
    expect(upsert).not.toHaveBeenCalled();
    upsert.mockRestore();
    again.disconnect();
    expect(await membership()).toEqual(first);
  });

  it("creates public rooms others can find and join, with join lines for members", async () => {
    const ann = await person();
    const ben = await person();
    const room = await create(ann.client, { name: "Book-Club", description: "Reading together" });
    expect(room).toMatchObject({ name: "book-club", kind: "public", memberCount: 1, ownerId: ann.user.id });

    const duplicate = await call(ben.client, "room:create", { name: "BOOK-club" });
    expect(duplicate).toMatchObject({ ok: false, error: { code: "CONFLICT", message: "A room named #book-club already exists" } });
    const badName = await call(ben.client, "room:create", { name: "a" });
    expect(badName).toMatchObject({ ok: false, error: { message: "Room names are 2–30 characters" } });

    const listed = await call<{ rooms: RoomSummary[] }>(ben.client, "room:list", { query: "reading" });
    expect(listed.ok && listed.data.rooms.map((r) => r.name)).toEqual(["book-club"]);

    const joinLine = next<{ user: { id: string }; memberCount: number }>(ann.client, "room:member-joined");
    const joined = await call<{ room: RoomSummary }>(ben.client, "room:join", { name: "#book-club" });
    expect(joined).toMatchObject({ ok: true, data: { room: { name: "book-club", memberCount: 2 } } });
    expect(await joinLine).toMatchObject({ user: { id: ben.user.id }, memberCount: 2 });

    const members = await call<{ members: RoomMemberInfo[] }>(ben.client, "room:members", { roomId: room.id });
    expect(members.ok && members.data.members.map((m) => [m.username, m.online, m.isOwner])).toEqual(
      expect.arrayContaining([
        [ann.user.username, true, true],
        [ben.user.username, true, false],
      ]),
    );

    // Membership persists: a new connection is subscribed to the room by itself.
    const benAgain = await server.connectAs(ben.user);
    await sleep(100);
    const arrival = next<ChatMessage>(benAgain, "message:new");
    await call(ann.client, "message:send", { roomId: room.id, body: "chapter one", clientId: "book-0001" });
    expect((await arrival).body).toBe("chapter one");
  });

  it("private rooms need the password; hidden rooms are never listed and need the exact name", async () => {
    const owner = await person();
    const guest = await person();
    const priv = await create(owner.client, { name: "vault", kind: "private", password: "open sesame" });
    const hidden = await create(owner.client, { name: "speakeasy", kind: "hidden" });
    await expect(call(owner.client, "room:create", { name: "nopass", kind: "private" })).resolves.toMatchObject({
      ok: false,
      error: { message: "A private room needs a password" },
    });

    const listed = await call<{ rooms: RoomSummary[] }>(guest.client, "room:list", { query: "" });
    const names = listed.ok ? listed.data.rooms.map((r) => r.name) : [];
    expect(names).toContain("vault");
    expect(names).not.toContain("speakeasy");
    expect(JSON.stringify(listed)).not.toContain("passwordHash");

    expect(await call(guest.client, "room:join", { name: "vault" })).toMatchObject({
      ok: false,
      error: { message: "#vault is private — enter its password to join" },
    });
    expect(await call(guest.client, "room:join", { name: "vault", password: "wrong" })).toMatchObject({
      ok: false,
      error: { message: "Wrong password for #vault" },
    });
    expect(await call(guest.client, "room:join", { roomId: priv.id, password: "open sesame" })).toMatchObject({ ok: true });

    expect(await call(guest.client, "room:join", { roomId: hidden.id })).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect(await call(guest.client, "room:join", { name: "speakeasy" })).toMatchObject({ ok: true, data: { room: { kind: "hidden" } } });
    const stored = await server.context.db.room.findUnique({ where: { id: priv.id } });
    expect(stored?.passwordHash?.startsWith("$argon2id$")).toBe(true);
  });

  it("enforces the member limit, also when many join at once", async () => {
    const owner = await person();
    const room = await create(owner.client, { name: "tiny", memberLimit: 3 });
    const crowd = await Promise.all(Array.from({ length: 6 }, () => person()));
    const results = await Promise.all(crowd.map((p) => call(p.client, "room:join", { roomId: room.id })));
    expect(results.filter((r) => r.ok)).toHaveLength(2);
    const refused = results.filter((r) => !r.ok);
    expect(refused).toHaveLength(4);
    for (const r of refused) expect(r).toMatchObject({ ok: false, error: { message: "Room is full (3/3)" } });
    expect(await server.context.db.roomMember.count({ where: { roomId: room.id } })).toBe(3);
  });

  it("lets only the owner or a moderator kick, and tells the kicked user", async () => {
    const owner = await person();
    const member = await person();
    const other = await person();
    const room = await create(owner.client, { name: "kickable" });
    await call(member.client, "room:join", { roomId: room.id });
    await call(other.client, "room:join", { roomId: room.id });

    const refused = await call(other.client, "room:kick", { roomId: room.id, username: member.user.username });
    expect(refused).toMatchObject({ ok: false, error: { code: "FORBIDDEN", message: "Only the owner of #kickable or a moderator can kick people from it." } });
    expect(await server.context.memberships.isMember(room.id, member.user.id)).toBe(true);

    const notice = next<{ message: string }>(member.client, "room:kicked");
    expect(await call(owner.client, "room:kick", { roomId: room.id, username: member.user.username })).toMatchObject({ ok: true });
    expect((await notice).message).toContain("You were removed from #kickable");
    expect(await server.context.memberships.isMember(room.id, member.user.id)).toBe(false);
    // The kicked user's socket no longer receives the room.
    const leak = collect<ChatMessage>(member.client, "message:new");
    await call(owner.client, "message:send", { roomId: room.id, body: "after the kick", clientId: "kick-after-1" });
    await sleep(150);
    expect(leak.seen).toEqual([]);

    await server.context.db.user.update({ where: { id: other.user.id }, data: { role: "moderator" } });
    const moderator = await server.connectAs({ ...other.user, role: "moderator" });
    await call(owner.client, "room:join", { roomId: room.id });
    await call(member.client, "room:join", { roomId: room.id });
    expect(await call(moderator, "room:kick", { roomId: room.id, username: member.user.username })).toMatchObject({ ok: true });
  });

  it("owners edit and delete rooms; members are moved out live", async () => {
    const owner = await person();
    const member = await person();
    const room = await create(owner.client, { name: "temporary", memberLimit: 0 });
    await call(member.client, "room:join", { roomId: room.id });
    expect(await call(member.client, "room:update", { roomId: room.id, description: "hijack" })).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    const updated = next<RoomSummary>(member.client, "room:updated");
    expect(await call(owner.client, "room:update", { roomId: room.id, description: "still here", memberLimit: 5 })).toMatchObject({ ok: true });
    expect(await updated).toMatchObject({ description: "still here", memberLimit: 5 });

    expect(await call(member.client, "room:delete", { roomId: room.id })).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    const deleted = next<{ roomId: string; message: string }>(member.client, "room:deleted");
    expect(await call(owner.client, "room:delete", { roomId: room.id })).toMatchObject({ ok: true });
    // Whether the member was moved depends on what they had on screen: the client adds that part.
    expect(await deleted).toEqual({ roomId: room.id, name: "temporary", message: `#temporary was deleted by ${owner.user.displayName}.` });
    expect(await call(owner.client, "room:delete", { roomId: server.roomId })).toMatchObject({ ok: false, error: { message: "#general can't be deleted." } });
  });

  it("refuses a member limit below the members already in the room, with the count", async () => {
    const owner = await person();
    const member = await person();
    const room = await create(owner.client, { name: "limit-floor", memberLimit: 0 });
    await call(member.client, "room:join", { roomId: room.id });
    expect(await call(owner.client, "room:update", { roomId: room.id, memberLimit: 1 })).toEqual({
      ok: false,
      error: {
        code: "VALIDATION",
        message: "This room has 2 members; the limit can't be lower than that",
        fields: { memberLimit: "This room has 2 members; the limit can't be lower than that" },
      },
    });
    expect(await call(owner.client, "room:update", { roomId: room.id, memberLimit: 2 })).toMatchObject({ ok: true, data: { memberLimit: 2 } });
    expect(await call(owner.client, "room:update", { roomId: room.id, memberLimit: 0 })).toMatchObject({ ok: true, data: { memberLimit: 0 } });
  });

  it("tells the settings whether a hidden room has a password", async () => {
    const owner = await person();
    const open = await create(owner.client, { name: "hidden-open", kind: "hidden" });
    expect(open).toMatchObject({ kind: "hidden", hasPassword: false });
    const locked = await call<RoomSummary>(owner.client, "room:update", { roomId: open.id, password: "pw-123456" });
    expect(locked).toMatchObject({ ok: true, data: { kind: "hidden", hasPassword: true } });
    const mine = await call<{ rooms: MyRoom[] }>(owner.client, "room:mine", {});
    expect(mine.ok && mine.data.rooms.find((r) => r.id === open.id)).toMatchObject({ hasPassword: true });
  });

  it("counts unread messages per room until read", async () => {
    const ann = await person();
    const ben = await person();
    const room = await create(ann.client, { name: "unread-check" });
    await call(ben.client, "room:join", { roomId: room.id });
    let lastId = 0;
    for (let i = 0; i < 3; i++) {
      const ack = await call<ChatMessage>(ann.client, "message:send", { roomId: room.id, body: `n${i}`, clientId: `unread-${i}-x` });
      if (ack.ok) lastId = ack.data.id;
    }
    const mine = async () => {
      const r = await call<{ rooms: MyRoom[] }>(ben.client, "room:mine", {});
      return r.ok ? r.data.rooms.find((x) => x.id === room.id) : undefined;
    };
    expect((await mine())?.unread).toBe(3);
    await call(ben.client, "room:read", { roomId: room.id, lastId });
    expect((await mine())?.unread).toBe(0);
    expect(await call(ben.client, "room:leave", { roomId: server.roomId })).toMatchObject({
      ok: false,
      error: { message: "Everyone stays in #general — you can't leave it." },
    });
    expect(await call(ben.client, "room:leave", { roomId: room.id })).toMatchObject({ ok: true });
    expect(await mine()).toBeUndefined();
  });
});

describe("joining a room that is going away", () => {
  it("says the room is gone when it was deleted between the lookup and the insert", async () => {
    const owner = await person();
    const room = await create(owner.client, { name: `gone${Date.now() % 100000}`, kind: "public" });
    const errors = vi.spyOn(server.context.logger, "error");
    // Deleted behind the room cache's back, as a concurrent delete on another path would.
    await server.context.db.room.delete({ where: { id: room.id } });
    const joiner = await person();
    const ack = await call(joiner.client, "room:join", { roomId: room.id });
    expect(ack).toEqual({ ok: false, error: { code: "NOT_FOUND", message: "That room does not exist (it may have been deleted)." } });
    expect(errors).not.toHaveBeenCalled();
    errors.mockRestore();
  });

  it("treats two tabs joining at once as one membership", async () => {
    const owner = await person();
    const room = await create(owner.client, { name: `twice${Date.now() % 100000}`, kind: "public" });
    const joiner = await person();
    const second = await server.connectAs(joiner.user);
    const acks = await Promise.all([call(joiner.client, "room:join", { roomId: room.id }), call(second, "room:join", { roomId: room.id })]);
    expect(acks.map((a) => a.ok)).toEqual([true, true]);
    expect(await server.context.db.roomMember.count({ where: { roomId: room.id } })).toBe(2);
  });
});
