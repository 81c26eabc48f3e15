import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PublicUser } from "@/lib/shared/types";
import type { TestServer } from "@/tests/socket-harness";
import { collect, next, sleep, startTestServer } from "@/tests/socket-harness";

const GRACE_MS = 800;
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ presenceGraceSeconds: GRACE_MS / 1000 });
});
afterAll(async () => {
  await server.close();
});

type Presence = { user: PublicUser; count: number };

describe("presence grace period", () => {
  it("announces nothing when a person's page closes its socket and the next page opens one", async () => {
    const watcher = await server.person();
    const mover = await server.createUser();
    const first = await server.connectAs(mover);
    await sleep(100);
    const online = collect<Presence>(watcher.client, "presence:online");
    const offline = collect<Presence>(watcher.client, "presence:offline");

    first.disconnect(); // the chat page unmounts (Profile opened)
    await sleep(200);
    await server.connectAs(mover); // back in the chat
    await sleep(GRACE_MS + 300);
    expect(offline.seen).toEqual([]);
    expect(online.seen).toEqual([]);
    expect(await server.context.presence.isOnline(mover.id)).toBe(true);
  });

  it("announces offline once the grace period passed without a new socket, not before", async () => {
    const watcher = await server.person();
    const leaver = await server.createUser();
    const socket = await server.connectAs(leaver);
    await sleep(100);
    const offline = collect<Presence>(watcher.client, "presence:offline");
    const closed = Date.now();
    const gone = next<Presence>(watcher.client, "presence:offline", GRACE_MS + 2000);
    socket.disconnect();
    await sleep(GRACE_MS / 2);
    expect(offline.seen).toEqual([]);
    expect((await gone).user.id).toBe(leaver.id);
    expect(Date.now() - closed).toBeGreaterThanOrEqual(GRACE_MS - 50);
  });

  it("announces a logout at once, even when the tab closed its socket before the session ended", async () => {
    const watcher = await server.person();
    const leaver = await server.createUser();
    const sid = await server.context.sessions.start(leaver.id);
    const socket = await server.connectAs({ cookie: await server.cookieFor(leaver, sid) });
    await sleep(100);
    const gone = next<Presence>(watcher.client, "presence:offline", GRACE_MS / 2);
    // The Log out button drops the socket, then next-auth's signOut ends the session.
    socket.disconnect();
    await sleep(50);
    await server.context.sessions.end(sid, "logout");
    server.context.realtime?.endSession(sid, "logout", "You logged out.");
    expect((await gone).user.id).toBe(leaver.id);
  });

  it("announces at once when the server closes the socket (moderator logout)", async () => {
    const watcher = await server.person();
    const leaver = await server.createUser();
    const sid = await server.context.sessions.start(leaver.id);
    await server.connectAs({ cookie: await server.cookieFor(leaver, sid) });
    await sleep(100);
    const gone = next<Presence>(watcher.client, "presence:offline", GRACE_MS / 2);
    await server.context.sessions.end(sid, "kicked");
    server.context.realtime?.endSession(sid, "kicked", "A moderator ended your session.");
    expect((await gone).user.id).toBe(leaver.id);
  });
});
