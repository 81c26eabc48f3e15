import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMembershipService } from "@/lib/server/services/memberships";
import { createSettingsService, defaultModerationSettings } from "@/lib/server/services/moderation/settings";
import { argon2Hasher } from "@/lib/server/services/passwords";
import { createRateLimiters } from "@/lib/server/services/rate-limit";
import { createRoomService } from "@/lib/server/services/rooms";
import { createSignUp } from "@/lib/server/services/sign-up";
import { createUserService } from "@/lib/server/services/users";
import { createTestDb } from "@/tests/test-db";

let testDb: Awaited<ReturnType<typeof createTestDb>>;
beforeAll(async () => {
  testDb = await createTestDb();
});
afterAll(() => testDb.close());

/** Wired as bootstrap wires it: the limiter reads the console setting at every sign-up. */
async function setup() {
  const { db } = testDb;
  const passwords = argon2Hasher;
  const rooms = createRoomService({ db, passwords });
  const settings = createSettingsService({ db, defaults: defaultModerationSettings() });
  await settings.load();
  const limiters = createRateLimiters(undefined, { signUpsPerHour: () => settings.get().signUp.perAddressPerHour });
  const signUp = createSignUp({
    users: createUserService({ db, passwords }),
    memberships: createMembershipService({ db, rooms, passwords }),
    limiter: limiters.signUpPerIp,
    defaultRoomId: (await rooms.ensureDefaultRoom()).id,
  });
  return { settings, signUp };
}

let n = 0;
const account = () => ({ username: `office_${++n}`, displayName: `Office ${n}`, password: "correct horse" });

describe("sign-ups per address", () => {
  it("lets an office behind one address sign up more than 5 people by default (20 an hour)", async () => {
    const { signUp } = await setup();
    expect(defaultModerationSettings().signUp.perAddressPerHour).toBe(20);
    for (let i = 0; i < 8; i++) await expect(signUp(account(), "192.0.2.10")).resolves.toMatchObject({ displayName: expect.any(String) });
  });

  it("applies the console setting at once, without a restart", async () => {
    const { settings, signUp } = await setup();
    await settings.update({ ...settings.get(), signUp: { perAddressPerHour: 2 } });
    await signUp(account(), "192.0.2.20");
    await signUp(account(), "192.0.2.20");
    await expect(signUp(account(), "192.0.2.20")).rejects.toThrow(/^Too many new accounts from your network — try again in \d+ min\.$/);
    // Another address has its own allowance.
    await expect(signUp(account(), "192.0.2.21")).resolves.toBeTruthy();

    await settings.update({ ...settings.get(), signUp: { perAddressPerHour: 3 } });
    await expect(signUp(account(), "192.0.2.20")).resolves.toBeTruthy();
    await expect(signUp(account(), "192.0.2.20")).rejects.toThrow(/^Too many new accounts/);
  });

  it("keeps the setting across restarts, and settings saved before it existed get the default", async () => {
    const { settings } = await setup();
    await settings.update({ ...settings.get(), signUp: { perAddressPerHour: 150 } });
    expect((await (await setup()).settings.load()).signUp.perAddressPerHour).toBe(150);
    const { signUp: _dropped, ...older } = settings.get();
    await testDb.db.setting.update({ where: { key: "moderation" }, data: { value: JSON.stringify(older) } });
    expect((await (await setup()).settings.load()).signUp.perAddressPerHour).toBe(20);
  });
});
