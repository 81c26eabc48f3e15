import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { idleMessage } from "@/lib/server/realtime/sessions";
import type { TestServer } from "@/tests/socket-harness";
import { call, next, sleep, startTestServer } from "@/tests/socket-harness";

let server: TestServer;
beforeAll(async () => {
  // 1.2 s idle timeout so the test can watch it fire.
  server = await startTestServer({ idleTimeoutMinutes: 0.02 });
});
afterAll(async () => {
  await server.close();
});

describe("idle message", () => {
  it("reads as the issue words it", () => {
    expect(idleMessage(30 * 60_000)).toBe("You were logged out after 30 minutes of inactivity");
    expect(idleMessage(60_000)).toBe("You were logged out after 1 minute of inactivity");
  });
});

describe("sessions", () => {
  it("logs out a session after the idle timeout, tells it why, and refuses its cookie afterwards", async () => {
    const user = await server.createUser();
    const cookie = await server.cookieFor(user);
    const client = await server.connectAs({ cookie });
    const ended = next<{ reason: string; message: string }>(client, "session:ended", 5000);
    const disconnected = new Promise<string>((resolve) => client.once("disconnect", resolve));
    expect(await ended).toEqual({ reason: "idle", message: "You were logged out after 1 second of inactivity" });
    expect(await disconnected).toBe("io server disconnect");
    await expect(server.connectAs({ cookie })).rejects.toMatchObject({ data: { code: "UNAUTHENTICATED" } });
    const row = await server.context.db.userSession.findFirst({ where: { userId: user.id } });
    expect(row).toMatchObject({ endReason: "idle" });
  });

  it("user actions keep the session alive; background connection alone does not", async () => {
    const user = await server.createUser();
    const client = await server.connectAs(user);
    let ended = false;
    client.on("session:ended", () => (ended = true));
    for (let i = 0; i < 6; i++) {
      await sleep(400);
      await call(client, "session:activity", {});
    }
    expect(ended).toBe(false);
    expect(client.connected).toBe(true);
  });

  it("what the client does on its own (lists, read marks, catch-up joins) does not count as activity", async () => {
    const user = await server.createUser();
    const client = await server.connectAs(user);
    const ended = next<{ reason: string }>(client, "session:ended", 5000);
    const passive = async () => {
      for (let i = 0; i < 8; i++) {
        await sleep(250);
        await call(client, "room:mine", {});
        await call(client, "presence:list", {});
        await call(client, "room:join", { roomId: server.roomId, afterId: 0 });
      }
    };
    void passive().catch(() => undefined);
    expect(await ended).toMatchObject({ reason: "idle" });
  });

  it("ending a session (logout) closes that session's sockets only", async () => {
    const user = await server.createUser();
    const sidA = await server.context.sessions.start(user.id);
    const sidB = await server.context.sessions.start(user.id);
    const tabA = await server.connectAs({ cookie: await server.cookieFor(user, sidA) });
    const tabB = await server.connectAs({ cookie: await server.cookieFor(user, sidB) });
    const endedA = next<{ reason: string }>(tabA, "session:ended");
    await server.context.sessions.end(sidA, "logout");
    server.context.realtime?.endSession(sidA, "logout", "You logged out.");
    expect(await endedA).toMatchObject({ reason: "logout" });
    await sleep(300);
    expect(tabA.connected).toBe(false);
    expect(tabB.connected).toBe(true);
    await call(tabB, "session:activity", {});
  });

  it("a signed token naming an impossible session id is refused without asking the database", async () => {
    for (const sid of ["bad\u0000id", "x".repeat(500), "'; DROP TABLE", ""]) {
      expect(await server.context.sessions.check(sid)).toEqual({ ended: "logout" });
    }
  });
});
