import { beforeAll, describe, expect, it } from "vitest";
import type { TestServer } from "@/tests/socket-harness";
import { call, collect, sleep } from "@/tests/socket-harness";
import { twoNodes } from "@/tests/test-cluster";

/**
 * Idle logout with one browser session's tabs on two nodes: the tab on node A sits
 * still while the person works in the tab on node B. Node A must not log the session
 * out (it asks the database, where B writes the activity through); once both tabs sit
 * still, the session ends as on one node.
 */
// A 2.4 s idle timeout, so the test can watch it.
const cluster = twoNodes("idle", { idleTimeoutMinutes: 0.04 });
let nodeA: TestServer | null = null;
let nodeB: TestServer | null = null;
beforeAll(() => {
  [nodeA, nodeB] = cluster.nodes() ?? [null, null];
});

describe("idle timeout across nodes", () => {
  it("keeps a session whose person is busy on the other node, and ends it once every tab is idle", { timeout: 30_000 }, async (ctx) => {
    if (!nodeA || !nodeB) return ctx.skip();
    const user = await nodeA.createUser();
    const cookie = await nodeA.cookieFor(user);
    const still = await nodeA.connectAs({ cookie });
    const busy = await nodeB.connectAs({ cookie });
    const endedOnA = collect<{ reason: string }>(still, "session:ended");
    // Busy on B for three idle timeouts.
    for (const deadline = Date.now() + 7_000; Date.now() < deadline; ) {
      expect((await call(busy, "session:activity", {})).ok).toBe(true);
      await sleep(300);
    }
    expect(endedOnA.seen).toEqual([]);
    expect(still.connected).toBe(true);
    // Now nobody does anything: the session ends, on both nodes.
    await expect.poll(() => endedOnA.seen.map((e) => e.reason), { timeout: 10_000 }).toEqual(["idle"]);
    await expect.poll(() => busy.connected, { timeout: 5_000 }).toBe(false);
  });
});
