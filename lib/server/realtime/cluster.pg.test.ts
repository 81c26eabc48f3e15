import { beforeAll, describe, expect, it } from "vitest";
import type { SentMessage } from "@/lib/shared/events";
import type { ChatMessage, PublicUser } from "@/lib/shared/types";
import type { TestServer } from "@/tests/socket-harness";
import { call, collect, next, sleep } from "@/tests/socket-harness";
import { twoNodes } from "@/tests/test-cluster";

/**
 * Two Parley nodes on one PostgreSQL database and one Redis, clients spread over them:
 * what a person on node A does must look to a person on node B exactly as on one node.
 */
const cluster = twoNodes("cluster");
let nodeA: TestServer | null = null;
let nodeB: TestServer | null = null;
beforeAll(() => {
  [nodeA, nodeB] = cluster.nodes() ?? [null, null];
});

let n = 0;
const clientId = () => `cluster-${Date.now().toString(36)}-${++n}`;
async function send(client: Parameters<typeof call>[0], roomId: string, body: string, extra: Record<string, unknown> = {}) {
  const ack = await call<SentMessage>(client, "message:send", { roomId, body, clientId: clientId(), ...extra });
  if (!ack.ok) throw new Error(ack.error.message);
  return ack.data;
}

describe("two nodes on PostgreSQL + Redis", () => {
  it("delivers a message sent through node A to a member connected to node B, once", async (ctx) => {
    if (!nodeA || !nodeB) return ctx.skip();
    const alice = await nodeA.person({ joinGeneral: true });
    const bob = await nodeB.person({ joinGeneral: true });
    const seen = collect<ChatMessage>(bob.client, "message:new");
    const sent = await send(alice.client, nodeA.roomId, "hello from A");
    await expect.poll(() => seen.seen.filter((m) => m.id === sent.id).length, { timeout: 2000 }).toBe(1);
    await sleep(200);
    expect(seen.seen.filter((m) => m.id === sent.id)).toHaveLength(1);
    // And back, B → A.
    const back = next<ChatMessage>(alice.client, "message:new");
    const reply = await send(bob.client, nodeB.roomId, "hello from B");
    expect((await back).id).toBe(reply.id);
  });

  it("delivers a whisper to its one recipient on the other node and to no one else", async (ctx) => {
    if (!nodeA || !nodeB) return ctx.skip();
    const sender = await nodeA.person({ joinGeneral: true });
    const target = await nodeB.person({ joinGeneral: true });
    const bystanderB = await nodeB.person({ joinGeneral: true });
    const bystanderA = await nodeA.person({ joinGeneral: true });
    const onB = collect<ChatMessage>(bystanderB.client, "message:new");
    const onA = collect<ChatMessage>(bystanderA.client, "message:new");
    const arrived = next<ChatMessage>(target.client, "message:new");
    const sent = await send(sender.client, nodeA.roomId, "psst, only you", { whisperTo: target.user.username });
    expect((await arrived).id).toBe(sent.id);
    await sleep(300);
    expect(onB.seen.find((m) => m.id === sent.id)).toBeUndefined();
    expect(onA.seen.find((m) => m.id === sent.id)).toBeUndefined();
  });

  it("opens a DM across nodes, and someone offline finds it waiting when they connect to the other node", async (ctx) => {
    if (!nodeA || !nodeB) return ctx.skip();
    const alice = await nodeA.person();
    const bob = await nodeB.person();
    const dm = await call<{ id: string }>(alice.client, "dm:open", { usernames: [bob.user.username] });
    if (!dm.ok) throw new Error(dm.error.message);
    const live = next<ChatMessage>(bob.client, "message:new", 5000);
    const first = await send(alice.client, dm.data.id, "are you there?");
    expect((await live).id).toBe(first.id);

    bob.client.disconnect();
    await expect.poll(async () => nodeA!.context.presence.isOnline(bob.user.id), { timeout: 2000 }).toBe(false);
    const ack = await send(alice.client, dm.data.id, "left you a note");
    expect(ack.delivery).toEqual([expect.objectContaining({ online: false })]);

    const again = await nodeA.connectAs(bob.user);
    const mine = await call<{ rooms: { id: string; unread: number }[] }>(again, "room:mine", {});
    if (!mine.ok) throw new Error(mine.error.message);
    expect(mine.data.rooms.find((r) => r.id === dm.data.id)?.unread).toBeGreaterThanOrEqual(1);
  });

  it("shows the same people online on both nodes, and the same count in every announcement", async (ctx) => {
    if (!nodeA || !nodeB) return ctx.skip();
    const watcher = await nodeA.person();
    const announced = collect<{ user: PublicUser; count: number }>(watcher.client, "presence:online");
    const carol = await nodeB.person();
    await expect.poll(() => announced.seen.filter((e) => e.user.id === carol.user.id).length, { timeout: 2000 }).toBe(1);
    const event = announced.seen.find((e) => e.user.id === carol.user.id)!;
    const [onA, onB] = await Promise.all([
      call<{ users: PublicUser[] }>(watcher.client, "presence:list", {}),
      call<{ users: PublicUser[] }>(carol.client, "presence:list", {}),
    ]);
    if (!onA.ok || !onB.ok) throw new Error("presence:list failed");
    expect(onA.data.users.map((u) => u.id).sort()).toEqual(onB.data.users.map((u) => u.id).sort());
    expect(onA.data.users.map((u) => u.id)).toContain(carol.user.id);
    expect(event.count).toBe(await nodeB.context.presence.count());

    const left = collect<{ user: PublicUser }>(watcher.client, "presence:offline");
    carol.client.disconnect();
    await expect.poll(() => left.seen.some((e) => e.user.id === carol.user.id), { timeout: 2000 }).toBe(true);
  });

  it("cuts a person's socket on node B within a second when a moderator on node A bans them", async (ctx) => {
    if (!nodeA || !nodeB) return ctx.skip();
    const mod = await nodeA.person({ role: "moderator" });
    const target = await nodeB.person({ joinGeneral: true });
    const ended = next<{ reason: string }>(target.client, "session:ended", 1000);
    const cut = new Promise<number>((resolve) => target.client.once("disconnect", () => resolve(Date.now())));
    const started = Date.now();
    const ack = await call(mod.client, "moderation:ban", { userId: target.user.id, reason: "spam", minutes: 10, ip: false });
    expect(ack.ok).toBe(true);
    expect((await ended).reason).toBe("banned");
    expect((await cut) - started).toBeLessThan(1000);
  });

  it("cuts every tab of a person kicked from node A, on both nodes, within a second", async (ctx) => {
    if (!nodeA || !nodeB) return ctx.skip();
    const mod = await nodeA.person({ role: "moderator" });
    const target = await nodeB.person();
    const otherTab = await nodeA.connectAs(target.user);
    const started = Date.now();
    const cuts = [target.client, otherTab].map((client) => new Promise<number>((resolve) => client.once("disconnect", () => resolve(Date.now()))));
    expect((await call(mod.client, "moderation:kick", { userId: target.user.id, reason: "take a break" })).ok).toBe(true);
    for (const cut of await Promise.all(cuts)) expect(cut - started).toBeLessThan(1000);
  });

  it("applies a timeout set on node A to the person's next message on node B", async (ctx) => {
    if (!nodeA || !nodeB) return ctx.skip();
    const mod = await nodeA.person({ role: "moderator" });
    const target = await nodeB.person({ joinGeneral: true });
    await send(target.client, nodeB.roomId, "before"); // node B now holds their standing in its cache
    const ack = await call(mod.client, "moderation:timeout", { userId: target.user.id, reason: "cool down", minutes: 5 });
    expect(ack.ok).toBe(true);
    await expect
      .poll(
        async () => {
          const refused = await call(target.client, "message:send", { roomId: nodeB!.roomId, body: "after", clientId: clientId() });
          return refused.ok ? "sent" : refused.error.code;
        },
        { timeout: 2000 },
      )
      .toBe("FORBIDDEN");
  });

  it("applies a word-filter change made on node A to messages sent through node B", async (ctx) => {
    if (!nodeA || !nodeB) return ctx.skip();
    const speaker = await nodeB.person({ joinGeneral: true });
    const settings = nodeA.context.moderation.settings;
    await settings.update({ ...settings.get(), wordFilter: { words: ["rutabaga"], mode: "block" } });
    try {
      await expect
        .poll(
          async () => {
            const ack = await call(speaker.client, "message:send", { roomId: nodeB!.roomId, body: "I love rutabaga", clientId: clientId() });
            return ack.ok ? "sent" : ack.error.code;
          },
          { timeout: 2000 },
        )
        .not.toBe("sent");
    } finally {
      await settings.update({ ...settings.get(), wordFilter: { words: [], mode: "block" } });
    }
  });

  it("applies room settings changed on node A (slow mode) on node B", async (ctx) => {
    if (!nodeA || !nodeB) return ctx.skip();
    const owner = await nodeA.person();
    const created = await call<{ id: string }>(owner.client, "room:create", {
      name: `slow-${Date.now().toString(36)}`,
      description: "",
      kind: "public",
      memberLimit: 0,
    });
    if (!created.ok) throw new Error(created.error.message);
    const roomId = created.data.id;
    const member = await nodeB.person();
    expect((await call(member.client, "room:join", { roomId })).ok).toBe(true);
    await send(member.client, roomId, "warm the cache on B");
    expect((await call(owner.client, "room:update", { roomId, slowModeSeconds: 60 })).ok).toBe(true);
    await expect
      .poll(
        async () => {
          const ack = await call(member.client, "message:send", { roomId, body: "again", clientId: clientId() });
          return ack.ok ? "sent" : ack.error.code;
        },
        { timeout: 2000 },
      )
      .toBe("RATE_LIMITED");
  });

  it("gives a person promoted on node A their new role on node B without a reconnect", async (ctx) => {
    if (!nodeA || !nodeB) return ctx.skip();
    const person = await nodeB.person();
    const socketB = [...nodeB.io.of("/").sockets.values()].find((s) => s.data.user.id === person.user.id);
    expect(socketB?.data.user.role).toBe("user");
    nodeA.context.moderation.effects.roleChanged(person.user.id, "moderator");
    await expect.poll(() => socketB?.data.user.role, { timeout: 2000 }).toBe("moderator");
  });

  it("shows an edit, a reaction and a deletion made on node A live on node B, and catches them up there after a disconnect", async (ctx) => {
    if (!nodeA || !nodeB) return ctx.skip();
    const author = await nodeA.person({ joinGeneral: true });
    const watcher = await nodeB.person({ joinGeneral: true });
    const away = await nodeB.person({ joinGeneral: true });
    const sent = await send(author.client, nodeA.roomId, "draft");
    const join = await call<{ changeSeq: number }>(away.client, "room:join", { roomId: nodeB.roomId });
    if (!join.ok) throw new Error(join.error.message);
    away.client.disconnect();

    const live = collect<ChatMessage>(watcher.client, "message:updated");
    const edit = await call<ChatMessage>(author.client, "message:edit", { roomId: nodeA.roomId, messageId: sent.id, body: "final" });
    const react = await call<ChatMessage>(watcher.client, "reaction:add", { roomId: nodeB.roomId, messageId: sent.id, emoji: "👍" });
    expect(edit.ok && react.ok).toBe(true);
    await expect
      .poll(() => live.seen.map((m) => [m.body, m.reactions?.length ?? 0]), { timeout: 3000 })
      .toEqual([
        ["final", 0],
        ["final", 1],
      ]);

    const back = await nodeB.connectAs({ cookie: await nodeA.cookieFor(away.user) });
    const caught = await call<{ changed: ChatMessage[]; caughtUp: boolean }>(back, "room:join", {
      roomId: nodeB.roomId,
      afterId: sent.id,
      afterChange: join.data.changeSeq,
    });
    if (!caught.ok) throw new Error(caught.error.message);
    expect(caught.data.changed).toEqual([expect.objectContaining({ id: sent.id, body: "final", reactions: [expect.objectContaining({ emoji: "👍" })] })]);
  });
});
