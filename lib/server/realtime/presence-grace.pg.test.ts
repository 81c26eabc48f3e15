import { beforeAll, describe, expect, it } from "vitest";
import type { PublicUser } from "@/lib/shared/types";
import type { TestServer } from "@/tests/socket-harness";
import { collect, next, sleep } from "@/tests/socket-harness";
import { twoNodes } from "@/tests/test-cluster";

/** The presence grace period on two nodes: the person's next page may land on the other one. */
const GRACE_MS = 1000;
const cluster = twoNodes("presence-grace", { presenceGraceSeconds: GRACE_MS / 1000 });
let nodeA: TestServer | null = null;
let nodeB: TestServer | null = null;
beforeAll(() => {
  [nodeA, nodeB] = cluster.nodes() ?? [null, null];
});

type Presence = { user: PublicUser; count: number };

describe("presence grace across nodes", () => {
  it("announces nothing when the person's socket closes on node A and reopens on node B", async (ctx) => {
    if (!nodeA || !nodeB) return ctx.skip();
    const watcher = await nodeA.person();
    const mover = await nodeA.createUser();
    const first = await nodeA.connectAs(mover);
    await sleep(200);
    const online = collect<Presence>(watcher.client, "presence:online");
    const offline = collect<Presence>(watcher.client, "presence:offline");
    first.disconnect();
    await sleep(200);
    await nodeB.connectAs(mover);
    await sleep(GRACE_MS + 500);
    expect(offline.seen.filter((e) => e.user.id === mover.id)).toEqual([]);
    expect(online.seen.filter((e) => e.user.id === mover.id)).toEqual([]);
    expect(await nodeA.context.presence.isOnline(mover.id)).toBe(true);
  });

  it("releases at once a logout ended on node B for a socket that lingers on node A", async (ctx) => {
    if (!nodeA || !nodeB) return ctx.skip();
    const watcher = await nodeB.person();
    const leaver = await nodeA.createUser();
    const sid = await nodeA.context.sessions.start(leaver.id);
    const socket = await nodeA.connectAs({ cookie: await nodeA.cookieFor(leaver, sid) });
    await sleep(200);
    const gone = next<Presence>(watcher.client, "presence:offline", GRACE_MS / 2);
    socket.disconnect();
    await sleep(50);
    await nodeB.context.sessions.end(sid, "logout");
    nodeB.context.realtime?.endSession(sid, "logout", "You logged out.");
    expect((await gone).user.id).toBe(leaver.id);
  });
});
