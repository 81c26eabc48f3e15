import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SecretJoinResult } from "@/lib/shared/schemas/secret-rooms";
import type { SecretContext, SecretEnvelope } from "@/lib/shared/secret-room-crypto";
import { decryptMessage, encryptMessage, generateRoomKey } from "@/lib/shared/secret-room-crypto";
import type { SessionUser } from "@/lib/shared/types";
import { everyTable, recordFrames, recordLogs } from "@/tests/secret-room-probe";
import type { TestClient, TestServer } from "@/tests/socket-harness";
import { call, collect, next, startTestServer } from "@/tests/socket-harness";

type Relayed = { roomId: string; from: string; to?: string; envelope: SecretEnvelope };

let server: TestServer;
let frames: string[];
let logs: string[];
beforeAll(async () => {
  server = await startTestServer();
  frames = recordFrames(server);
  logs = recordLogs(server);
});
afterAll(async () => {
  await server?.close();
});

const ok = <T>(ack: { ok: true; data: T } | { ok: false; error: { message: string } }): T => {
  if (!ack.ok) throw new Error(ack.error.message);
  return ack.data;
};

async function newRoom(creator: TestClient): Promise<string> {
  return ok(await call<{ roomId: string }>(creator, "secret:create", {})).roomId;
}
const join = (client: TestClient, roomId: string, alias: string) => call<SecretJoinResult>(client, "secret:join", { roomId, alias });

async function people(n: number): Promise<{ user: SessionUser; client: TestClient }[]> {
  const list = [];
  for (let i = 0; i < n; i++) list.push(await server.person({ joinGeneral: true }));
  return list;
}

describe("secret rooms over real sockets", () => {
  it("relay only ciphertext; nothing reaches the database or the log; whispers reach only their target", async () => {
    const [alice, bob, carol] = await people(3);
    if (!alice || !bob || !carol) throw new Error("people");
    // Their accounts, sessions and #general memberships exist; from here on the room may add nothing.
    const before = await everyTable(server);
    const key = await generateRoomKey();
    const roomId = await newRoom(alice.client);
    expect(roomId).toMatch(/^[A-Za-z0-9_-]{22}$/);

    const created = ok(await join(alice.client, roomId, "Owl-Alias"));
    expect(created).toMatchObject({ roomId, alias: "Owl-Alias", creator: true, memberLimit: 20 });
    const bobJoined = next<{ alias: string }>(alice.client, "secret:joined");
    expect(ok(await join(bob.client, roomId, "Badger_Alias"))).toMatchObject({ creator: false });
    expect((await bobJoined).alias).toBe("Badger_Alias");
    ok(await join(carol.client, roomId, "Crow.Alias"));

    const plain = "the password is marmalade-7731";
    const context: SecretContext = { roomId, from: "Owl-Alias" };
    const toBob = next<Relayed>(bob.client, "secret:message");
    const toCarol = next<Relayed>(carol.client, "secret:message");
    const aliceGot = collect(alice.client, "secret:message");
    ok(await call(alice.client, "secret:send", { roomId, envelope: await encryptMessage(key, plain, context) }));
    const relayed = await toBob;
    expect(Object.keys(relayed).sort()).toEqual(["at", "envelope", "from", "roomId"]);
    expect(relayed.from).toBe("Owl-Alias");
    expect(await decryptMessage(key, relayed.envelope, { roomId, from: relayed.from })).toBe(plain);
    expect(await decryptMessage(key, (await toCarol).envelope, context)).toBe(plain);

    // /purr: Bob only. Carol's next room message is the barrier: the whisper was sent before it.
    const whisper = "only for badger: fig-jam-4410";
    const carolWhispers = collect<Relayed>(carol.client, "secret:whisper");
    const bobWhisper = next<Relayed>(bob.client, "secret:whisper");
    const whisperContext = { roomId, from: "Owl-Alias", to: "Badger_Alias" };
    ok(await call(alice.client, "secret:whisper", { roomId, to: "Badger_Alias", envelope: await encryptMessage(key, whisper, whisperContext) }));
    const barrier = next<Relayed>(carol.client, "secret:message");
    ok(await call(bob.client, "secret:send", { roomId, envelope: await encryptMessage(key, "barrier", { roomId, from: "Badger_Alias" }) }));
    await barrier;
    const got = await bobWhisper;
    expect(got).toMatchObject({ from: "Owl-Alias", to: "Badger_Alias" });
    expect(await decryptMessage(key, got.envelope, whisperContext)).toBe(whisper);
    expect(carolWhispers.seen).toEqual([]);
    expect(aliceGot.seen.map((m) => (m as Relayed).from)).toEqual(["Badger_Alias"]);

    expect(ok(await call<{ members: unknown[] }>(carol.client, "secret:who", { roomId })).members).toEqual([
      { alias: "Badger_Alias", creator: false },
      { alias: "Crow.Alias", creator: false },
      { alias: "Owl-Alias", creator: true },
    ]);

    const during = await everyTable(server);
    // Bob leaves with a farewell line; the room lives on.
    const farewell = next<{ alias: string; reason: string }>(alice.client, "secret:left");
    ok(await call(bob.client, "secret:leave", { roomId }));
    expect(await farewell).toMatchObject({ alias: "Badger_Alias", reason: "left" });
    expect(await call(bob.client, "secret:send", { roomId, envelope: await encryptMessage(key, "late", { roomId, from: "Badger_Alias" }) })).toMatchObject({
      ok: false,
      error: { code: "FORBIDDEN" },
    });
    ok(await call(carol.client, "secret:leave", { roomId }));
    ok(await call(alice.client, "secret:leave", { roomId }));
    const after = await everyTable(server);

    // No new rows anywhere, and nothing of the room in any cell.
    expect(during.counts).toEqual(before.counts);
    expect(after.counts).toEqual(before.counts);
    for (const secret of [roomId, "Owl-Alias", "Badger_Alias", "Crow.Alias", plain, whisper]) {
      expect(after.dump).not.toContain(secret);
      expect(during.dump).not.toContain(secret);
    }
    // The wire carried envelopes (and aliases, which the server must see), never the text.
    const wire = frames.join("\n");
    expect(wire).toContain("secret:message");
    expect(wire).toContain(relayed.envelope.ciphertext);
    for (const text of [plain, whisper, "marmalade", "fig-jam", "barrier"]) expect(wire).not.toContain(text);
    const logged = logs.join("\n");
    for (const secret of ["Owl-Alias", "Badger_Alias", "Crow.Alias", plain, whisper, relayed.envelope.ciphertext]) expect(logged).not.toContain(secret);

    // The last one out ended the room: its link is dead.
    expect(await join(bob.client, roomId, "Badger_Alias")).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
  });

  it("lets only the creator kick and stop; a kicked person can't come back; /stop purges it for everyone", async () => {
    const [owner, guest, other] = await people(3);
    if (!owner || !guest || !other) throw new Error("people");
    const roomId = await newRoom(owner.client);
    ok(await join(owner.client, roomId, "owner"));
    ok(await join(guest.client, roomId, "guest"));
    ok(await join(other.client, roomId, "other"));

    expect(await call(guest.client, "secret:kick", { roomId, alias: "other" })).toMatchObject({
      ok: false,
      error: { code: "FORBIDDEN", message: "Only the room's creator can kick members." },
    });
    expect(await call(guest.client, "secret:stop", { roomId })).toMatchObject({
      ok: false,
      error: { code: "FORBIDDEN", message: "Only the room's creator can stop this room." },
    });
    expect(await call(owner.client, "secret:kick", { roomId, alias: "OWNER" })).toMatchObject({ ok: false, error: { code: "VALIDATION" } });
    expect(await call(owner.client, "secret:kick", { roomId, alias: "nobody" })).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });

    const kicked = next<{ message: string }>(other.client, "secret:kicked");
    const told = next<{ alias: string; reason: string }>(guest.client, "secret:left");
    ok(await call(owner.client, "secret:kick", { roomId, alias: "Other" }));
    expect((await kicked).message).toBe("The room's creator removed you from this secret room.");
    expect(await told).toMatchObject({ alias: "other", reason: "kicked" });
    expect(await call(other.client, "secret:who", { roomId })).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    expect(await join(other.client, roomId, "other2")).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });

    const endedGuest = next<{ roomId: string; message: string }>(guest.client, "secret:ended");
    const endedOwner = next<{ roomId: string }>(owner.client, "secret:ended");
    ok(await call(owner.client, "secret:stop", { roomId }));
    expect(await endedGuest).toMatchObject({ roomId, message: "The room's creator stopped this secret room. Its messages are gone." });
    await endedOwner;
    expect(await call(guest.client, "secret:send", { roomId, envelope: { iv: "AAAAAAAAAAAAAAAA", ciphertext: "A".repeat(40) } })).toMatchObject({
      ok: false,
      error: { code: "FORBIDDEN" },
    });
    expect(await join(guest.client, roomId, "guest")).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
  });

  it("keeps aliases unique regardless of case, honours the member limit, and refuses envelopes that aren't base64url ciphertext", async () => {
    const [a, b, c] = await people(3);
    if (!a || !b || !c) throw new Error("people");
    const settings = server.context.moderation.settings;
    const roomId = await newRoom(a.client);
    ok(await join(a.client, roomId, "Same"));
    expect(await join(b.client, roomId, "same")).toMatchObject({ ok: false, error: { code: "CONFLICT" } });
    expect(await join(b.client, roomId, "two words")).toMatchObject({ ok: false, error: { code: "VALIDATION" } });
    await settings.update({ ...settings.get(), secretRooms: { ...settings.get().secretRooms, memberLimit: 2 } });
    try {
      ok(await join(b.client, roomId, "b"));
      expect(await join(c.client, roomId, "c")).toMatchObject({ ok: false, error: { code: "FORBIDDEN", message: "This secret room is full (2 people)." } });
    } finally {
      await settings.update({ ...settings.get(), secretRooms: { ...settings.get().secretRooms, memberLimit: 20 } });
    }
    for (const envelope of [
      { iv: "AAAAAAAAAAAAAAAA", ciphertext: "not base64url!!!!!!!!!!!!!" },
      { iv: "short", ciphertext: "A".repeat(40) },
      { iv: "AAAAAAAAAAAAAAAA", ciphertext: "A".repeat(10_701) },
      { iv: "AAAAAAAAAAAAAAAA", ciphertext: "A".repeat(40), body: "plaintext sneaks in" },
    ]) {
      const ack = await call(a.client, "secret:send", { roomId, envelope });
      if ("body" in envelope) {
        // Unknown keys are dropped by the schema: only iv and ciphertext are relayed.
        const seen = next<Relayed>(b.client, "secret:message");
        await call(a.client, "secret:send", { roomId, envelope });
        expect(Object.keys((await seen).envelope).sort()).toEqual(["ciphertext", "iv"]);
      } else expect(ack).toMatchObject({ ok: false, error: { code: "VALIDATION" } });
    }
    expect(await call(a.client, "secret:send", { roomId: "x", envelope: { iv: "AAAAAAAAAAAAAAAA", ciphertext: "A".repeat(40) } })).toMatchObject({
      ok: false,
      error: { code: "VALIDATION" },
    });
  });

  it("says goodbye for a person whose last socket closes, and ends the room when the last one does", async () => {
    const [a, b] = await people(2);
    if (!a || !b) throw new Error("people");
    const roomId = await newRoom(a.client);
    ok(await join(a.client, roomId, "stays"));
    ok(await join(b.client, roomId, "drops"));
    const secondTab = await server.connectAs(b.user);
    expect(ok(await join(secondTab, roomId, "ignored"))).toMatchObject({ alias: "drops" });
    const left = collect<{ alias: string; reason: string }>(a.client, "secret:left");
    b.client.disconnect();
    const gone = next<{ alias: string; reason: string }>(a.client, "secret:left");
    secondTab.disconnect();
    expect(await gone).toMatchObject({ alias: "drops", reason: "disconnected" });
    expect(left.seen).toHaveLength(1);
    a.client.disconnect();
    const later = await server.person();
    // The store answers in order: once this join is refused, the room ended with its last socket.
    await expect.poll(async () => (await join(later.client, roomId, "late")).ok, { interval: 20, timeout: 2000 }).toBe(false);
    expect(await join(later.client, roomId, "late")).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
  });

  it("holds a timed-out person to their timeout here too", async () => {
    const [a, b] = await people(2);
    if (!a || !b) throw new Error("people");
    const roomId = await newRoom(a.client);
    ok(await join(a.client, roomId, "muted"));
    ok(await join(b.client, roomId, "other"));
    await server.context.moderation.sanctions.impose({ kind: "timeout", userId: a.user.id, reason: "cool off", minutes: 5, byId: null });
    const envelope = { iv: "AAAAAAAAAAAAAAAA", ciphertext: "A".repeat(40) };
    expect(await call(a.client, "secret:send", { roomId, envelope })).toMatchObject({
      ok: false,
      error: { code: "FORBIDDEN", message: expect.stringContaining("timed out") },
    });
    expect(await call(a.client, "secret:whisper", { roomId, to: "other", envelope })).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
  });

  it("follows the console: off refuses creating and joining; creating can be kept to some roles", async () => {
    const settings = server.context.moderation.settings;
    const member = await server.person();
    const admin = await server.person({ role: "admin" });
    const roomId = await newRoom(member.client);
    const initial = settings.get();
    try {
      await settings.update({ ...initial, secretRooms: { ...initial.secretRooms, creatorRoles: ["moderator", "admin"] } });
      expect(await call(member.client, "secret:create", {})).toMatchObject({
        ok: false,
        error: { code: "FORBIDDEN", message: "On this server only moderators and admins can create secret rooms; you can still join one by its link." },
      });
      ok(await call(admin.client, "secret:create", {}));
      ok(await join(member.client, roomId, "still-allowed"));
      await settings.update({ ...initial, secretRooms: { ...initial.secretRooms, enabled: false } });
      expect(await call(admin.client, "secret:create", {})).toMatchObject({ ok: false, error: { message: "Secret rooms are turned off on this server." } });
      expect(await join(admin.client, roomId, "nope")).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    } finally {
      await settings.update(initial);
    }
  });
});

describe("after a restart", () => {
  it("no secret room survives", async () => {
    const first = await startTestServer();
    const a = await first.person();
    const roomId = ok(await call<{ roomId: string }>(a.client, "secret:create", {})).roomId;
    ok(await call(a.client, "secret:join", { roomId, alias: "before" }));
    await first.close({ keepDatabase: true });
    const second = await startTestServer({ database: first.database, dataDir: first.dataDir });
    try {
      const again = await second.connectAs({ cookie: await second.cookieFor(a.user) });
      expect(await call(again, "secret:join", { roomId, alias: "before" })).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    } finally {
      await second.close();
    }
  });
});
