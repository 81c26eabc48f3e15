import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isAppError } from "@/lib/shared/errors";
import { parseInput } from "@/lib/shared/schemas/parse";
import type { PublicProfile } from "@/lib/shared/schemas/profile";
import { updateProfileSchema } from "@/lib/shared/schemas/profile";
import { createTestDb, insertUser } from "@/tests/test-db";
import { solidImage } from "@/tests/image-fixtures";
import { AVATAR_ERRORS, createAvatarService } from "./avatars";
import type { ProfileService } from "./profiles";
import { createProfileService } from "./profiles";

let testDb: Awaited<ReturnType<typeof createTestDb>>;
let profiles: ProfileService;
const announced: PublicProfile[] = [];
beforeAll(async () => {
  testDb = await createTestDb();
  profiles = createProfileService({
    db: testDb.db,
    avatars: createAvatarService({ db: testDb.db, dataDir: testDb.dataDir }),
    onPublicChange: (profile) => announced.push(profile),
  });
});
afterAll(async () => {
  await testDb.close();
});

const storedAvatars = async () => (await testDb.db.avatarImage.findMany({ select: { name: true } })).map((row) => row.name).sort();
const fileOf = (url: string | null) => url?.replace("/api/avatars/", "") ?? null;

async function errorOf(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!isAppError(error)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

describe("profile edits", () => {
  it("updates display name and status, and shows them in the public profile without private fields", async () => {
    const user = await insertUser(testDb.db, "ada");
    const input = parseInput(updateProfileSchema, { displayName: "  Ada L.  ", statusLine: "Counting\n  engines" });
    const own = await profiles.updateProfile(user.id, input);
    expect(own).toMatchObject({ displayName: "Ada L.", statusLine: "Counting engines", pushEnabled: false });

    const seen = await profiles.getPublicProfile(user.id);
    expect(seen).toEqual({
      id: user.id,
      username: "ada",
      displayName: "Ada L.",
      avatarUrl: null,
      statusLine: "Counting engines",
      joinedAt: user.createdAt.toISOString(),
      lastSeenAt: null,
    });
  });

  it("leaves fields that were not sent alone, and can switch push on", async () => {
    const user = await insertUser(testDb.db);
    await profiles.updateProfile(user.id, { statusLine: "here" });
    const own = await profiles.updateProfile(user.id, { pushEnabled: true });
    expect(own).toMatchObject({ displayName: user.displayName, statusLine: "here", pushEnabled: true });
  });

  it.each([
    [{ displayName: "" }, "Display name is required"],
    [{ displayName: "x".repeat(33) }, "Display name must be at most 32 characters"],
    [{ statusLine: "é".repeat(81) }, "Status must be at most 80 characters"],
    [{}, "Nothing to change"],
    [{ username: "root" }, "Only displayName, statusLine and pushEnabled can be changed here"],
    [{ role: "admin", displayName: "Eve" }, "Only displayName, statusLine and pushEnabled can be changed here"],
  ])("the shared schema refuses %j", (body, message) => {
    const error = (() => {
      try {
        parseInput(updateProfileSchema, body);
      } catch (e) {
        return e;
      }
    })();
    expect(isAppError(error) && error.message).toBe(message);
  });

  it("accepts exactly 80 characters of status and 32 of display name", () => {
    expect(parseInput(updateProfileSchema, { statusLine: "é".repeat(80), displayName: "x".repeat(32) })).toBeTruthy();
  });

  it("says when the user does not exist", async () => {
    expect((await errorOf(profiles.getPublicProfile("nobody"))).code).toBe("NOT_FOUND");
    expect((await errorOf(profiles.updateProfile("nobody", { statusLine: "x" }))).code).toBe("NOT_FOUND");
    expect((await errorOf(profiles.setAvatar("nobody", await solidImage("png")))).code).toBe("NOT_FOUND");
  });
});

describe("change announcements (for live updates)", () => {
  it("announce public changes with the public profile, and keep private settings quiet", async () => {
    const user = await insertUser(testDb.db);
    const mine = () => announced.filter((p) => p.id === user.id);

    await profiles.updateProfile(user.id, { pushEnabled: true });
    await profiles.removeAvatar(user.id); // had none: nothing changed
    expect(mine()).toEqual([]);

    await profiles.updateProfile(user.id, { displayName: "Grace" });
    const { avatarUrl } = await profiles.setAvatar(user.id, await solidImage("png"));
    await profiles.removeAvatar(user.id);
    expect(mine().map((p) => [p.displayName, p.avatarUrl])).toEqual([
      ["Grace", null],
      ["Grace", avatarUrl],
      ["Grace", null],
    ]);
    expect(mine()[0]).not.toHaveProperty("pushEnabled");
  });
});

describe("avatars on a profile", () => {
  it("sets, replaces (deleting the old file) and removes an avatar", async () => {
    const user = await insertUser(testDb.db);
    const before = await storedAvatars();

    const first = await profiles.setAvatar(user.id, await solidImage("png"));
    expect(first.avatarUrl).toMatch(/^\/api\/avatars\/[A-Za-z0-9_-]{22}\.webp$/);
    expect(await storedAvatars()).toEqual([...before, fileOf(first.avatarUrl)].sort());

    const second = await profiles.setAvatar(user.id, await solidImage("jpeg"));
    expect(second.avatarUrl).not.toBe(first.avatarUrl);
    expect((await profiles.getPublicProfile(user.id)).avatarUrl).toBe(second.avatarUrl);
    expect(await storedAvatars()).toEqual([...before, fileOf(second.avatarUrl)].sort());

    const removed = await profiles.removeAvatar(user.id);
    expect(removed.avatarUrl).toBeNull();
    expect(await storedAvatars()).toEqual(before);
  });

  it("keeps the current avatar when an upload is refused", async () => {
    const user = await insertUser(testDb.db);
    const { avatarUrl } = await profiles.setAvatar(user.id, await solidImage("webp"));
    const files = await storedAvatars();

    const error = await errorOf(profiles.setAvatar(user.id, Buffer.from("<html><script>alert(1)</script></html>")));
    expect(error.message).toBe(AVATAR_ERRORS.type);
    expect((await profiles.getPublicProfile(user.id)).avatarUrl).toBe(avatarUrl);
    expect(await storedAvatars()).toEqual(files);
  });

  it("two uploads at once leave exactly one file: the one the profile points at", async () => {
    const user = await insertUser(testDb.db);
    const before = await storedAvatars();
    await Promise.all([profiles.setAvatar(user.id, await solidImage("png")), profiles.setAvatar(user.id, await solidImage("gif"))]);
    const { avatarUrl } = await profiles.getPublicProfile(user.id);
    expect(await storedAvatars()).toEqual([...before, fileOf(avatarUrl)].sort());
  });
});
