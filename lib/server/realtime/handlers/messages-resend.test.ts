import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { SentMessage } from "@/lib/shared/events";
import type { ChatMessage, MyRoom, RoomSummary, SessionUser } from "@/lib/shared/types";
import type { TestClient, TestServer } from "@/tests/socket-harness";
import { call, collect, sleep, startTestServer } from "@/tests/socket-harness";

/**
 * A resend (same author, same clientId) must never be a way around the gate, a second
 * broadcast, or a way into another room: these replay what an attacker did (issue #10).
 */
let server: TestServer;
let admin: SessionUser;

beforeAll(async () => {
  server = await startTestServer();
  admin = await server.createUser("resend_admin"); // first account: admin
});
afterAll(async () => {
  await server.close();
});

const joined = () => server.person({ joinGeneral: true });
const send = (client: TestClient, roomId: string, body: string, clientId: string) => call<SentMessage>(client, "message:send", { roomId, body, clientId });
const stored = (clientId: string) => server.context.db.message.count({ where: { clientId } });
const newMessages = (client: TestClient, clientId: string) => {
  const all = collect<ChatMessage>(client, "message:new");
  return {
    get seen() {
      return all.seen.filter((m) => m.clientId === clientId);
    },
    stop: all.stop,
  };
};

/** A room of its own with slow mode on, so #general stays usable for the other tests. */
async function slowRoom(owner: TestClient, seconds: number): Promise<string> {
  const created = await call<RoomSummary>(owner, "room:create", { name: `slow-${Math.random().toString(36).slice(2, 8)}` });
  if (!created.ok) throw new Error(created.error.message);
  const updated = await call<RoomSummary>(owner, "room:update", { roomId: created.data.id, slowModeSeconds: seconds });
  if (!updated.ok) throw new Error(updated.error.message);
  return created.data.id;
}

describe("resending a refused message", () => {
  it("is refused again by slow mode and never stored", async () => {
    const owner = await joined();
    const talker = await joined();
    const roomId = await slowRoom(owner.client, 60);
    expect((await call(talker.client, "room:join", { roomId })).ok).toBe(true);
    expect((await send(talker.client, roomId, "first", "slow-first-1")).ok).toBe(true);
    const refused = { ok: false, error: { code: "RATE_LIMITED", message: expect.stringMatching(/^Slow mode is on/) } };
    expect(await send(talker.client, roomId, "second", "slow-second-1")).toMatchObject(refused);
    expect(await send(talker.client, roomId, "second", "slow-second-1")).toMatchObject(refused);
    expect(await stored("slow-second-1")).toBe(0);
  });

  it("lets only one of a burst sent at once through slow mode", async () => {
    const owner = await joined();
    const talker = await joined();
    const roomId = await slowRoom(owner.client, 60);
    expect((await call(talker.client, "room:join", { roomId })).ok).toBe(true);
    const acks = await Promise.all(Array.from({ length: 5 }, (_, i) => send(talker.client, roomId, `burst ${i}`, `slow-burst-${i}`)));
    expect(acks.filter((a) => a.ok)).toHaveLength(1);
    expect(await server.context.db.message.count({ where: { clientId: { startsWith: "slow-burst-" } } })).toBe(1);
  });

  it("a word-filtered message does not start the slow-mode timer", async () => {
    const owner = await joined();
    const talker = await joined();
    const roomId = await slowRoom(owner.client, 60);
    expect((await call(talker.client, "room:join", { roomId })).ok).toBe(true);
    const settings = server.context.moderation.settings;
    await settings.update({ ...settings.get(), wordFilter: { words: ["darn"], mode: "block" } });
    try {
      expect(await send(talker.client, roomId, "well darn it", "filtered-1")).toMatchObject({
        ok: false,
        error: { message: expect.stringContaining("not allowed here") },
      });
      expect(await send(talker.client, roomId, "well, never mind", "filtered-2")).toMatchObject({ ok: true, data: { body: "well, never mind" } });
    } finally {
      await settings.update({ ...settings.get(), wordFilter: { words: [], mode: "block" } });
    }
  });
});

describe("refusals a retry can't fix", () => {
  it("the duplicate warning is FORBIDDEN, not RATE_LIMITED: sending it again is what gets you banned", async () => {
    const talker = await joined();
    for (let i = 1; i <= 2; i++) expect((await send(talker.client, server.roomId, "buy now", `dup-warn-${i}`)).ok).toBe(true);
    expect(await send(talker.client, server.roomId, "buy now", "dup-warn-3")).toMatchObject({
      ok: false,
      error: { code: "FORBIDDEN", message: expect.stringMatching(/^Please don't repeat the same message/) },
    });
  });
});

describe("resending a stored message", () => {
  it("300 resends at once: one broadcast, the rest answered to the sender only or refused by the rate limit", async () => {
    const sender = await joined();
    const watcher = await joined();
    const seen = newMessages(watcher.client, "storm-0001");
    const acks = await Promise.all(Array.from({ length: 300 }, () => send(sender.client, server.roomId, "storm", "storm-0001")));
    await sleep(300);
    seen.stop();
    expect(seen.seen).toHaveLength(1);
    const fresh = acks.filter((a) => a.ok && !a.data.duplicate);
    const resent = acks.filter((a) => a.ok && a.data.duplicate);
    const limited = acks.filter((a) => !a.ok && a.error.code === "RATE_LIMITED");
    expect(fresh).toHaveLength(1);
    expect(fresh.length + resent.length + limited.length).toBe(300);
    // The default limit is 30 messages per 10 s: resends count against it.
    expect(limited.length).toBeGreaterThanOrEqual(270);
    expect(new Set(acks.flatMap((a) => (a.ok ? [a.data.id] : []))).size).toBe(1);
    expect(await stored("storm-0001")).toBe(1);
    // Resends of one message are not flooding: the sender is still connected and not banned.
    expect(sender.client.connected).toBe(true);
  });

  it("a removed message answers `removed` with no body, and is neither broadcast nor pushed again", async () => {
    const sender = await joined();
    const watcher = await joined();
    const mentioned = await joined();
    mentioned.client.disconnect();
    await sleep(100);
    const pushes = vi.spyOn(server.context.push, "notifyUser");
    try {
      const first = await send(sender.client, server.roomId, `@${mentioned.user.username} something awful`, "removed-0001");
      if (!first.ok) throw new Error(first.error.message);
      await sleep(100);
      expect(pushes).toHaveBeenCalledTimes(1);
      await server.context.moderation.actions.deleteMessage({ ...admin, role: "admin" }, { messageId: first.data.id, reason: "abuse" });

      const seen = newMessages(watcher.client, "removed-0001");
      const own = newMessages(sender.client, "removed-0001");
      const again = await send(sender.client, server.roomId, `@${mentioned.user.username} something awful`, "removed-0001");
      await sleep(200);
      seen.stop();
      own.stop();
      expect(again).toMatchObject({ ok: true, data: { id: first.data.id, removed: true, body: "", duplicate: true } });
      expect(seen.seen).toEqual([]);
      expect(own.seen).toEqual([]);
      expect(pushes).toHaveBeenCalledTimes(1);
    } finally {
      pushes.mockRestore();
    }
  });

  it("a DM's clientId resent to #general is refused, and nothing reaches #general", async () => {
    const sender = await joined();
    const friend = await joined();
    const watcher = await joined();
    const dm = await call<MyRoom>(sender.client, "dm:open", { usernames: [friend.user.username] });
    if (!dm.ok) throw new Error(dm.error.message);
    expect((await send(sender.client, dm.data.id, "just between us", "dm-secret-01")).ok).toBe(true);

    const seen = newMessages(watcher.client, "dm-secret-01");
    const leaked = await send(sender.client, server.roomId, "just between us", "dm-secret-01");
    await sleep(200);
    seen.stop();
    expect(leaked).toMatchObject({
      ok: false,
      error: { code: "CONFLICT", message: "That message was already sent in another conversation, so it was not sent here. Send it again as a new message." },
    });
    expect(seen.seen).toEqual([]);
    const history = await call<{ messages: ChatMessage[] }>(watcher.client, "message:history", { roomId: server.roomId });
    expect(history.ok && history.data.messages.some((m) => m.body === "just between us")).toBe(false);
    expect(await stored("dm-secret-01")).toBe(1);
  });

  it("after a server restart (gate memory gone) the database answers the resend, to the sender only", async () => {
    const first = await startTestServer();
    const dataDir = first.dataDir;
    const user = await first.createUser("restart_sender");
    const before = await first.connectAs(user);
    await call(before, "room:join", { roomId: first.roomId });
    const original = await send(before, first.roomId, "said once", "restart-0001");
    if (!original.ok) throw new Error(original.error.message);
    await first.close({ keepDatabase: true });

    const second = await startTestServer({ dataDir, database: first.database });
    try {
      const watcher = await second.person({ joinGeneral: true });
      const sender = await second.connectAs(user);
      await call(sender, "room:join", { roomId: second.roomId });
      const seen = newMessages(watcher.client, "restart-0001");
      const own = newMessages(sender, "restart-0001");
      const again = await send(sender, second.roomId, "said once", "restart-0001");
      await sleep(200);
      seen.stop();
      own.stop();
      expect(again).toMatchObject({ ok: true, data: { id: original.data.id, body: "said once", duplicate: true } });
      expect(seen.seen).toEqual([]);
      expect(own.seen).toEqual([]);
      expect(await second.context.db.message.count({ where: { clientId: "restart-0001" } })).toBe(1);
    } finally {
      await second.close();
    }
  });
});
