import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildAuthOptions } from "@/lib/server/auth/options";
import { CLIENT_IP_HEADER } from "@/lib/server/client-ip";
import type { ChatMessage, SessionUser } from "@/lib/shared/types";
import type { TestClient, TestServer } from "@/tests/socket-harness";
import { call, next, sleep, startTestServer } from "@/tests/socket-harness";

let server: TestServer;
let admin: SessionUser;
beforeAll(async () => {
  server = await startTestServer();
  admin = await server.createUser("the_admin"); // first account: admin
});
afterAll(async () => {
  await server.close();
});

function person(role: SessionUser["role"] = "user") {
  return server.person({ role, joinGeneral: true });
}

const send = (client: TestClient, body: string, clientId = `c-${Math.random().toString(36).slice(2)}`) =>
  call<ChatMessage>(client, "message:send", { roomId: server.roomId, body, clientId });

describe("bans and timeouts", () => {
  it("a ban disconnects the live user within 1 s and tells them why", async () => {
    expect(admin.role).toBe("admin");
    const target = await person();
    const ended = next<{ reason: string; message: string; note?: string; until?: string | null }>(target.client, "session:ended");
    const disconnected = new Promise<number>((resolve) => target.client.once("disconnect", () => resolve(Date.now())));
    const started = Date.now();
    await server.context.moderation.actions.ban(admin, { userId: target.user.id, reason: "spam", minutes: 60, ip: false });
    const event = await ended;
    expect(event).toMatchObject({
      reason: "banned",
      note: "spam",
      message: expect.stringMatching(/^You have been banned until \d{4}-\d\d-\d\d \d\d:\d\d UTC — reason: spam$/),
    });
    // The end of the temporary ban travels with it, an hour from now.
    expect(Math.abs(Date.parse(String(event.until)) - (started + 3_600_000))).toBeLessThan(5_000);
    expect((await disconnected) - started).toBeLessThan(1000);
    await expect(server.connectAs(target.user)).rejects.toMatchObject({ data: { code: "BANNED" } });

    await server.context.moderation.actions.unban(admin, { userId: target.user.id, reason: "appeal" });
    const back = await server.connectAs(target.user);
    expect(back.connected).toBe(true);
  });

  it("kicked and banned people see the moderator's reason live, and again on the login page", async () => {
    const target = await server.createUser();
    const sid = await server.context.sessions.start(target.id);
    const client = await server.connectAs({ cookie: await server.cookieFor(target, sid) });
    const loginNotice = async (sessionId = sid) => {
      const session = (await buildAuthOptions(server.context).callbacks!.session!({
        session: { expires: "" },
        token: { sub: target.id, sid: sessionId },
      } as never)) as { endedNotice?: string };
      return session.endedNotice;
    };

    const kicked = next<{ reason: string; message: string; note?: string; until?: string | null }>(client, "session:ended");
    await server.context.moderation.actions.kick(admin, { userId: target.id, reason: "cool off for a bit" });
    expect(await kicked).toEqual({
      reason: "kicked",
      note: "cool off for a bit",
      until: null,
      message: "You were kicked by a moderator — reason: cool off for a bit. You may log in again.",
    });
    expect(await loginNotice()).toBe("You were kicked by a moderator — reason: cool off for a bit. You may log in again.");

    // Logged in again, then banned for good while away: the login page still says why, and that it does not end.
    const again = await server.context.sessions.start(target.id);
    await server.context.moderation.actions.ban(admin, { userId: target.id, reason: "harassment", ip: false });
    expect(await loginNotice(again)).toBe("You have been banned permanently — reason: harassment");
  });

  it("a timeout refuses sending with the remaining time, and expires on its own", async () => {
    const target = await person();
    const notice = next<{ kind: string; message: string }>(target.client, "moderation:notice");
    await server.context.moderation.actions.timeout(admin, { userId: target.user.id, minutes: 5, reason: "cool down" });
    expect(await notice).toMatchObject({ kind: "timeout", message: expect.stringContaining("5 min") });
    const refused = await send(target.client, "can I talk?");
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: "FORBIDDEN",
        message: expect.stringMatching(/^You are timed out and can't send messages for another (5 min|4\d\d s|2\d\d s) — reason: cool down$/),
      },
    });
    // Still connected and still reading.
    expect(target.client.connected).toBe(true);
  });

  it("expiry exactly at the end: temp-bans and timeouts stop applying at their end time, with no job", async () => {
    const { createSanctionService } = await import("@/lib/server/services/moderation/sanctions");
    let t = Date.parse("2026-11-24T12:00:00Z");
    const sanctions = createSanctionService({ db: server.context.db, now: () => t });
    const target = await server.createUser();
    await sanctions.impose({ kind: "ban", userId: target.id, reason: "x", minutes: 10, byId: null });
    t += 10 * 60_000 - 1;
    expect((await sanctions.standing(target.id)).ban).not.toBeNull();
    t += 1;
    expect((await sanctions.standing(target.id)).ban).toBeNull();
    await sanctions.impose({ kind: "timeout", userId: target.id, reason: "y", minutes: 1, byId: null });
    t += 59_999;
    expect((await sanctions.standing(target.id)).timeout).not.toBeNull();
    t += 1;
    expect((await sanctions.standing(target.id)).timeout).toBeNull();
  });
});

describe("authorization", () => {
  it("a plain user can call no moderation event; a moderator can't use admin-only powers", async () => {
    const plain = await person();
    const victim = await person();
    const mod = await person("moderator");
    const own = await send(victim.client, "evidence");
    if (!own.ok) throw new Error("send failed");
    const attempts: Array<[string, unknown]> = [
      ["moderation:delete-message", { messageId: own.data.id, reason: "x" }],
      ["moderation:timeout", { userId: victim.user.id, minutes: 5, reason: "x" }],
      ["moderation:ban", { userId: victim.user.id, reason: "x" }],
      ["moderation:kick", { userId: victim.user.id, reason: "x" }],
    ];
    for (const [event, payload] of attempts) {
      expect(await call(plain.client, event, payload), event).toMatchObject({
        ok: false,
        error: { code: "FORBIDDEN", message: "Only moderators and administrators can do that." },
      });
    }
    expect(await server.context.db.sanction.count({ where: { userId: victim.user.id } })).toBe(0);
    expect((await server.context.db.message.findUnique({ where: { id: own.data.id } }))?.deletedAt).toBeNull();
    expect(victim.client.connected).toBe(true);

    expect(await call(mod.client, "moderation:ban", { userId: victim.user.id, reason: "x", ip: true })).toMatchObject({
      ok: false,
      error: { message: "Only administrators can do that." },
    });
    await expect(server.context.moderation.actions.setRole(mod.user, { userId: victim.user.id, role: "moderator", reason: "" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    expect(await call(mod.client, "moderation:ban", { userId: admin.id, reason: "coup" })).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    expect(await call(mod.client, "moderation:timeout", { userId: victim.user.id, minutes: 1, reason: "ok" })).toMatchObject({ ok: true });
  });

  it("tells a promoted person their new role, so their page can show the Moderation link", async () => {
    const target = await person();
    const notice = next<{ kind: string; role?: string; message: string }>(target.client, "moderation:notice");
    await server.context.moderation.actions.setRole(admin, { userId: target.user.id, role: "moderator", reason: "" });
    expect(await notice).toEqual({ kind: "role", role: "moderator", message: "Your role is now moderator." });
  });

  it("a demoted moderator loses their powers on the next action", async () => {
    const mod = await person("moderator");
    const victim = await person();
    await server.context.moderation.actions.setRole(admin, { userId: mod.user.id, role: "user", reason: "stepped down" });
    expect(await call(mod.client, "moderation:kick", { userId: victim.user.id, reason: "x" })).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
  });
});

describe("message removal and reports", () => {
  it("deleting a message removes it live and in history; reports are accepted once", async () => {
    const author = await person();
    const reader = await person();
    const sent = await send(author.client, "something awful");
    if (!sent.ok) throw new Error("send failed");
    expect(await call(reader.client, "message:report", { messageId: sent.data.id, reason: "abuse", note: "rude" })).toMatchObject({ ok: true });
    expect(await call(reader.client, "message:report", { messageId: sent.data.id, reason: "abuse" })).toMatchObject({
      ok: false,
      error: { message: "You already reported this message. A moderator will look at it." },
    });
    expect(await call(author.client, "message:report", { messageId: sent.data.id, reason: "spam" })).toMatchObject({
      ok: false,
      error: { message: "You can't report your own message." },
    });
    expect(await call(reader.client, "message:report", { messageId: sent.data.id, reason: "because" })).toMatchObject({
      ok: false,
      error: { code: "VALIDATION" },
    });
    const queue = await server.context.moderation.reports.queue();
    expect(queue.find((q) => q.messageId === sent.data.id)).toMatchObject({
      count: 1,
      reports: [{ reporter: reader.user.username, reason: "abuse", note: "rude" }],
    });

    const removed = next<ChatMessage>(reader.client, "message:updated");
    await server.context.moderation.actions.deleteMessage(admin, { messageId: sent.data.id, reason: "abuse" });
    expect(await removed).toMatchObject({ roomId: server.roomId, id: sent.data.id, body: "", removed: true, removedBy: "moderator" });
    expect((await removed).changeSeq).toBeGreaterThan(0);
    const history = await call<{ messages: ChatMessage[] }>(reader.client, "message:history", { roomId: server.roomId });
    const shown = history.ok ? history.data.messages.find((m) => m.id === sent.data.id) : undefined;
    expect(shown).toMatchObject({ removed: true, body: "" });
    const audit = await server.context.moderation.audit.list({ page: 1, action: "delete-message" });
    expect(audit.rows[0]).toMatchObject({ actorName: "the_admin", targetName: author.user.username, reason: "abuse" });
  });
});

describe("anti-spam that fires", () => {
  it("warns on the 5th message in 5 s, auto-bans a repeat within a minute, and logs both", async () => {
    const spammer = await person();
    for (let i = 0; i < 4; i++) expect((await send(spammer.client, `msg ${i}`)).ok).toBe(true);
    expect(await send(spammer.client, "msg 4")).toMatchObject({ ok: false, error: { code: "RATE_LIMITED", message: expect.stringContaining("Slow down") } });
    for (let i = 0; i < 4; i++) await send(spammer.client, `again ${i}`);
    const ended = next<{ reason: string; message: string }>(spammer.client, "session:ended");
    expect(await send(spammer.client, "again 4")).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/^You have been banned until .* — reason: automatic: flooding/) },
    });
    expect(await ended).toMatchObject({ reason: "banned" });
    const events = await server.context.db.spamEvent.findMany({ where: { userId: spammer.user.id }, orderBy: { id: "asc" } });
    expect(events.map((e) => [e.rule, e.outcome])).toEqual([
      ["flood", "warned"],
      ["flood", "banned 1 min"],
    ]);
    const ban = await server.context.db.sanction.findFirst({ where: { userId: spammer.user.id, kind: "ban" } });
    expect((ban!.expiresAt!.getTime() - ban!.createdAt.getTime()) / 60_000).toBeCloseTo(1, 1);
  });

  it("moderators are exempt from flood limits", async () => {
    const mod = await person("moderator");
    for (let i = 0; i < 12; i++) expect((await send(mod.client, `announcement ${i}`)).ok).toBe(true);
  });

  it("slow mode and the word filter apply live", async () => {
    const talker = await person();
    const room = await server.context.rooms.update(admin, { roomId: server.roomId, slowModeSeconds: 30 });
    expect(room.slowModeSeconds).toBe(30);
    try {
      expect((await send(talker.client, "first")).ok).toBe(true);
      expect(await send(talker.client, "second")).toMatchObject({
        ok: false,
        error: { code: "RATE_LIMITED", message: expect.stringMatching(/^Slow mode is on: wait (30|29) s before your next message here\.$/) },
      });
    } finally {
      await server.context.rooms.update(admin, { roomId: server.roomId, slowModeSeconds: 0 });
    }
    const settings = server.context.moderation.settings;
    await settings.update({ ...settings.get(), wordFilter: { words: ["darn"], mode: "block" } });
    const other = await person();
    expect(await send(other.client, "well darn it")).toMatchObject({ ok: false, error: { message: expect.stringContaining("not allowed here") } });
    await settings.update({ ...settings.get(), wordFilter: { words: ["darn"], mode: "mask" } });
    expect(await send(other.client, "well darn it")).toMatchObject({ ok: true, data: { body: "well **** it" } });
    await settings.update({ ...settings.get(), wordFilter: { words: [], mode: "block" } });
  });
});

describe("login", () => {
  const authorize = (username: string, password: string, ip = "10.0.0.1") => {
    const provider = buildAuthOptions(server.context).providers[0] as unknown as { options: { authorize: (c: unknown, r: unknown) => Promise<unknown> } };
    return provider.options.authorize({ username, password }, { headers: { [CLIENT_IP_HEADER]: ip } });
  };

  it("locks a (username, IP) pair after 3 bad passwords and releases it after the block", async () => {
    const user = await server.createUser();
    const settings = server.context.moderation.settings;
    await settings.update({ ...settings.get(), login: { ...settings.get().login, blockSeconds: 1 } });
    try {
      await expect(authorize(user.username, "bad-1")).rejects.toThrow("Wrong username or password");
      await expect(authorize(user.username, "bad-2")).rejects.toThrow("Wrong username or password");
      await expect(authorize(user.username, "bad-3")).rejects.toThrow(/^Too many attempts — try again in 1 s$/);
      await expect(authorize(user.username, "password123")).rejects.toThrow(/^Too many attempts/);
      await expect(authorize(user.username, "password123", "10.0.0.2")).resolves.toMatchObject({ id: user.id });
      await sleep(1100);
      await expect(authorize(user.username, "password123")).resolves.toMatchObject({ id: user.id });
    } finally {
      await settings.update({ ...settings.get(), login: { ...settings.get().login, blockSeconds: 60 } });
    }
  });

  it("a banned user who knows the password is told the ban, its reason and end", async () => {
    const user = await server.createUser();
    await server.context.moderation.actions.ban(admin, { userId: user.id, reason: "trolling", minutes: 1440, ip: false });
    await expect(authorize(user.username, "password123", "10.0.0.9")).rejects.toThrow(
      /^You have been banned until \d{4}-\d\d-\d\d \d\d:\d\d UTC — reason: trolling$/,
    );
    await expect(authorize(user.username, "wrong-password", "10.0.0.9")).rejects.toThrow("Wrong username or password");
  });
});
