import { beforeAll, describe, expect, it } from "vitest";
import type { SecretEnvelope } from "@/lib/shared/secret-room-crypto";
import { decryptMessage, encryptMessage, generateRoomKey } from "@/lib/shared/secret-room-crypto";
import { everyTable, recordFrames } from "@/tests/secret-room-probe";
import type { TestClient, TestServer } from "@/tests/socket-harness";
import { call, collect, next } from "@/tests/socket-harness";
import { twoNodes } from "@/tests/test-cluster";

/** A secret room whose members sit on two nodes (PostgreSQL + Redis): it must act as on one. */
const cluster = twoNodes("secret-rooms");
let nodeA: TestServer | null = null;
let nodeB: TestServer | null = null;
beforeAll(() => {
  [nodeA, nodeB] = cluster.nodes() ?? [null, null];
});

type Relayed = { from: string; to?: string; envelope: SecretEnvelope };
const ok = <T>(ack: { ok: true; data: T } | { ok: false; error: { message: string } }): T => {
  if (!ack.ok) throw new Error(ack.error.message);
  return ack.data;
};
const join = (client: TestClient, roomId: string, alias: string) => call(client, "secret:join", { roomId, alias });

describe("secret rooms on two nodes", () => {
  it("relays, whispers, kicks and stops across nodes, storing nothing in PostgreSQL", async (ctx) => {
    if (!nodeA || !nodeB) return ctx.skip();
    const frames = [recordFrames(nodeA), recordFrames(nodeB)];
    const alice = await nodeA.person({ joinGeneral: true });
    const bob = await nodeB.person({ joinGeneral: true });
    const carol = await nodeB.person({ joinGeneral: true });
    const before = await everyTable(nodeA);
    const key = await generateRoomKey();
    const roomId = ok(await call<{ roomId: string }>(alice.client, "secret:create", {})).roomId;
    ok(await join(alice.client, roomId, "alice"));
    const seenJoin = next<{ alias: string }>(alice.client, "secret:joined");
    ok(await join(bob.client, roomId, "bob"));
    expect((await seenJoin).alias).toBe("bob");
    ok(await join(carol.client, roomId, "carol"));
    expect(await join(carol.client, roomId, "ALICE")).toMatchObject({ ok: true }); // already a member: she keeps her alias

    const plain = "across the nodes: quince-0042";
    const atBob = next<Relayed>(bob.client, "secret:message");
    ok(await call(alice.client, "secret:send", { roomId, envelope: await encryptMessage(key, plain, { roomId, from: "alice" }) }));
    expect(await decryptMessage(key, (await atBob).envelope, { roomId, from: "alice" })).toBe(plain);

    const whisper = "to alice only: damson-77";
    const carolWhispers = collect(carol.client, "secret:whisper");
    const atAlice = next<Relayed>(alice.client, "secret:whisper");
    const ctxW = { roomId, from: "bob", to: "alice" };
    ok(await call(bob.client, "secret:whisper", { roomId, to: "alice", envelope: await encryptMessage(key, whisper, ctxW) }));
    expect(await decryptMessage(key, (await atAlice).envelope, ctxW)).toBe(whisper);
    const barrier = next(carol.client, "secret:message");
    ok(await call(alice.client, "secret:send", { roomId, envelope: await encryptMessage(key, "after", { roomId, from: "alice" }) }));
    await barrier;
    expect(carolWhispers.seen).toEqual([]);

    expect(await call(bob.client, "secret:kick", { roomId, alias: "carol" })).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    const kicked = next(carol.client, "secret:kicked");
    ok(await call(alice.client, "secret:kick", { roomId, alias: "carol" }));
    await kicked;
    expect(await call(carol.client, "secret:who", { roomId })).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    expect(ok(await call<{ members: { alias: string }[] }>(bob.client, "secret:who", { roomId })).members.map((m) => m.alias)).toEqual(["alice", "bob"]);

    const ended = next(bob.client, "secret:ended");
    ok(await call(alice.client, "secret:stop", { roomId }));
    await ended;
    expect(await join(bob.client, roomId, "bob")).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });

    const after = await everyTable(nodeA);
    expect(after.counts).toEqual(before.counts);
    for (const secret of [roomId, "alice", "carol", plain, whisper]) expect(after.dump).not.toContain(secret);
    const wire = frames.flat().join("\n");
    expect(wire).toContain("secret:whisper");
    for (const text of [plain, whisper, "quince", "damson"]) expect(wire).not.toContain(text);
  });

  it("ends a room when its last member, on the other node, disconnects", async (ctx) => {
    if (!nodeA || !nodeB) return ctx.skip();
    const a = await nodeA.person();
    const b = await nodeB.person();
    const roomId = ok(await call<{ roomId: string }>(a.client, "secret:create", {})).roomId;
    ok(await join(a.client, roomId, "first"));
    ok(await join(b.client, roomId, "second"));
    const left = next<{ alias: string; reason: string }>(a.client, "secret:left");
    b.client.disconnect();
    expect(await left).toMatchObject({ alias: "second", reason: "disconnected" });
    ok(await call(a.client, "secret:leave", { roomId }));
    const late = await nodeB.person();
    expect(await join(late.client, roomId, "late")).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
  });
});
