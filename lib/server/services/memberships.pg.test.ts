import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMembershipService } from "@/lib/server/services/memberships";
import type { PasswordHasher } from "@/lib/server/services/passwords";
import { createRoomService } from "@/lib/server/services/rooms";
import type { SessionUser } from "@/lib/shared/types";
import { postgresNodes } from "@/tests/postgres-nodes";
import { postgresReachable } from "@/tests/test-database";

/** A room's member limit when people join through different nodes at the same moment. */
let cluster: Awaited<ReturnType<typeof postgresNodes>> | null = null;
beforeAll(async () => {
  if (await postgresReachable()) cluster = await postgresNodes(3);
});
afterAll(async () => {
  await cluster?.close();
});

const passwords: PasswordHasher = { hash: async (p) => p, verify: async (h, p) => h === p } as PasswordHasher;

describe("member limit on PostgreSQL across nodes", () => {
  it("concurrent joins through three nodes never overshoot the limit", async (ctx) => {
    if (!cluster) return ctx.skip();
    const services = cluster.nodes.map((db) => {
      const rooms = createRoomService({ db, passwords });
      return createMembershipService({ db, rooms, passwords });
    });
    const db = cluster.nodes[0]!;
    const room = await db.room.create({ data: { name: "small", memberLimit: 3 } });
    const users = await Promise.all(
      Array.from({ length: 15 }, (_, i) => db.user.create({ data: { username: `u${i}`, displayName: `U${i}`, passwordHash: "x" } })),
    );

    const results = await Promise.allSettled(
      users.map((user, i) => services[i % services.length]!.enter({ ...user, role: "user" } as SessionUser, { roomId: room.id })),
    );

    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(3);
    for (const r of results) if (r.status === "rejected") expect(String(r.reason)).toMatch(/Room is full \(3\/3\)/);
    expect(await db.roomMember.count({ where: { roomId: room.id } })).toBe(3);
  });

  it("a join and the same user's #general membership from another node both succeed", async (ctx) => {
    if (!cluster) return ctx.skip();
    const [a, b] = cluster.nodes.map((db) => createMembershipService({ db, rooms: createRoomService({ db, passwords }), passwords }));
    const db = cluster.nodes[0]!;
    const general = await db.room.create({ data: { name: "general-race" } });
    const users = await Promise.all(
      Array.from({ length: 30 }, (_, i) => db.user.create({ data: { username: `race${i}`, displayName: `R${i}`, passwordHash: "x" } })),
    );

    const results = await Promise.allSettled(
      users.flatMap((user) => [a!.ensureDefaultMembership(user.id, general.id), b!.enter({ ...user, role: "user" } as SessionUser, { roomId: general.id })]),
    );

    expect(results.filter((r) => r.status === "rejected").map((r) => String((r as PromiseRejectedResult).reason).slice(0, 200))).toEqual([]);
    expect(await db.roomMember.count({ where: { roomId: general.id } })).toBe(30);
  });
});
