import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { PublicUser } from "@/lib/shared/types";
import type { TestServer } from "@/tests/socket-harness";
import { call, collect, next, sleep, startTestServer } from "@/tests/socket-harness";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

describe("presence", () => {
  it("announces a user once when their first tab connects and once when their last leaves", async () => {
    const alice = await server.createUser("alice");
    const bob = await server.createUser("bob");
    const a = await server.connectAs(alice);
    const events = collect<{ user: PublicUser; count: number }>(a, "presence:online");
    const offline = collect<{ user: PublicUser; count: number }>(a, "presence:offline");

    const bobTab1 = await server.connectAs(bob);
    await sleep(100);
    expect(events.seen).toEqual([{ user: { id: bob.id, username: "bob", displayName: "BOB" }, count: 2 }]);

    const bobTab2 = await server.connectAs(bob);
    await sleep(100);
    expect(events.seen).toHaveLength(1);

    const list = await call<{ users: PublicUser[] }>(a, "presence:list", {});
    expect(list.ok && list.data.users.map((u) => u.username)).toEqual(["alice", "bob"]);

    bobTab1.disconnect();
    await sleep(100);
    expect(offline.seen).toEqual([]);

    const gone = next<{ user: PublicUser; count: number }>(a, "presence:offline");
    bobTab2.disconnect();
    expect(await gone).toEqual({ user: { id: bob.id, username: "bob", displayName: "BOB" }, count: 1 });
    // Written right after the announcement, not before it.
    await vi.waitFor(async () => {
      const stored = await server.context.db.user.findUnique({ where: { id: bob.id } });
      expect(stored?.lastSeenAt).toBeInstanceOf(Date);
    });
  });
});
