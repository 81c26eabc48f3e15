import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Db } from "@/lib/server/db/client";
import { createSanctionService } from "@/lib/server/services/moderation/sanctions";
import { createTestDb, insertUser } from "@/tests/test-db";

let db: Db;
let close: () => Promise<void>;
beforeAll(async () => {
  ({ db, close } = await createTestDb());
});
afterAll(async () => {
  await close();
});

describe("IP bans", () => {
  it("refuse the address while active, follow new bans and lifts, and expire on their own", async () => {
    let clock = Date.parse("2026-11-24T12:00:00Z");
    const sanctions = createSanctionService({ db, now: () => clock });
    const [troll, admin] = [await insertUser(db), await insertUser(db)];

    expect(await sanctions.ipBanned("203.0.113.7")).toBeNull();
    await sanctions.impose({ kind: "ban", userId: troll.id, reason: "spam", minutes: 60, byId: admin.id, ip: "203.0.113.7" });
    expect(await sanctions.ipBanned("203.0.113.7")).toMatchObject({ kind: "ban", reason: "spam", until: new Date(clock + 3_600_000) });
    expect(await sanctions.ipBanned("203.0.113.8")).toBeNull();

    // The longer of two bans on one address is the one that counts.
    await sanctions.impose({ kind: "ban", userId: troll.id, reason: "again", minutes: null, byId: admin.id, ip: "203.0.113.7" });
    expect(await sanctions.ipBanned("203.0.113.7")).toMatchObject({ reason: "again", until: null });

    await sanctions.lift("ban", troll.id, admin.id);
    expect(await sanctions.ipBanned("203.0.113.7")).toBeNull();

    await sanctions.impose({ kind: "ban", userId: troll.id, reason: "short", minutes: 1, byId: admin.id, ip: "203.0.113.9" });
    expect(await sanctions.ipBanned("203.0.113.9")).not.toBeNull();
    clock += 60_000;
    expect(await sanctions.ipBanned("203.0.113.9")).toBeNull();
  });

  it("reads the database once, not on every connection", async () => {
    const sanctions = createSanctionService({ db });
    const findMany = vi.spyOn(db.sanction, "findMany");
    for (let i = 0; i < 5; i++) await sanctions.ipBanned(`198.51.100.${i}`);
    expect(findMany).toHaveBeenCalledTimes(1);
    findMany.mockRestore();
  });
});
