import Redis from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/server/db/client";
import { isAppError } from "@/lib/shared/errors";
import type { LoginGuard } from "@/lib/server/services/moderation/login-guard";
import { createMemoryLoginGuard } from "@/lib/server/services/moderation/login-guard";
import { createRedisLoginGuard } from "@/lib/server/services/moderation/login-guard.redis";
import { createSanctionService } from "@/lib/server/services/moderation/sanctions";
import { defaultModerationSettings } from "@/lib/server/services/moderation/settings";
import type { PasswordHasher } from "@/lib/server/services/passwords";
import { argon2Hasher } from "@/lib/server/services/passwords";
import { createSignIn } from "@/lib/server/services/sign-in";
import { createUserService } from "@/lib/server/services/users";
import { createTestDb } from "@/tests/test-db";

/**
 * A burst of logins from one address, all sent at once: the lockout must hold while
 * the slow argon2 checks are still running, not only once they have finished.
 * Runs against the in-process guard and (when one listens) the local Redis.
 */
const redisUrl = process.env.REDIS_TEST_URL ?? "redis://127.0.0.1:6379";
let redis: Redis | null = null;
let testDb: Awaited<ReturnType<typeof createTestDb>>;
let db: Db;

beforeAll(async () => {
  testDb = await createTestDb();
  db = testDb.db;
  const client = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
  try {
    await client.connect();
    redis = client;
  } catch {
    console.warn(`Redis not reachable at ${redisUrl}: skipping the Redis login-guard cases`);
    client.disconnect();
  }
});
afterAll(async () => {
  redis?.disconnect();
  await testDb.close();
});

let run = 0;
const guards: Record<string, () => LoginGuard | null> = {
  memory: () => createMemoryLoginGuard({ settings: () => defaultModerationSettings().login }),
  redis: () =>
    redis ? createRedisLoginGuard({ redis, settings: () => defaultModerationSettings().login, prefix: `parley-test:login:${Date.now()}:${++run}` }) : null,
};

function setup(guard: LoginGuard) {
  let verifies = 0;
  const counting: PasswordHasher = {
    hash: argon2Hasher.hash,
    verify: (hash, password) => {
      verifies++;
      return argon2Hasher.verify(hash, password);
    },
  };
  const users = createUserService({ db, passwords: counting });
  const signIn = createSignIn({ users, loginGuard: guard, sanctions: createSanctionService({ db }) });
  return { users, signIn, verifies: () => verifies };
}

const sentence = (result: PromiseSettledResult<unknown>) => (result.status === "rejected" && isAppError(result.reason) ? result.reason.message : "signed in");

describe.each(Object.keys(guards))("sign-in with the %s login guard", (kind) => {
  it("50 attempts at once run at most 3 password checks; the right password after them stays out", async (ctx) => {
    const guard = guards[kind]!();
    if (!guard) return ctx.skip();
    const { users, signIn, verifies } = setup(guard);
    const username = `burst_${kind}_${run}`;
    await users.signUp({ username, displayName: "Burst", password: "correct horse" });

    const attempts = Array.from({ length: 50 }, (_, i) => signIn({ username, password: i === 30 ? "correct horse" : `wrong ${i}` }, "203.0.113.7"));
    const results = await Promise.allSettled(attempts);

    expect(verifies()).toBe(3);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(0);
    expect(sentence(results[30]!)).toMatch(/^Too many attempts — try again in \d+ s$/);
    // Another address is not locked out by this one.
    await expect(signIn({ username, password: "correct horse" }, "198.51.100.1")).resolves.toMatchObject({ username });
  });

  it("the per-address cap holds for a burst across many usernames", async (ctx) => {
    const guard = guards[kind]!();
    if (!guard) return ctx.skip();
    const { signIn, verifies } = setup(guard);
    const { ipMaxFailures } = defaultModerationSettings().login;
    const results = await Promise.allSettled(Array.from({ length: 50 }, (_, i) => signIn({ username: `nobody_${i}`, password: "guess" }, "203.0.113.99")));
    expect(verifies()).toBe(ipMaxFailures);
    // Those that were checked fail too; by the time they answer, the address is blocked.
    expect(results.map(sentence).every((s) => s.startsWith("Too many attempts"))).toBe(true);
  });

  it("a right password clears the count, so the owner is not locked out by their own typos", async (ctx) => {
    const guard = guards[kind]!();
    if (!guard) return ctx.skip();
    const { users, signIn } = setup(guard);
    const username = `typo_${kind}_${run}`;
    await users.signUp({ username, displayName: "Typo", password: "correct horse" });
    const ip = "203.0.113.8";
    for (let round = 0; round < 2; round++) {
      await expect(signIn({ username, password: "correct hrose" }, ip)).rejects.toThrow("Wrong username or password");
      await expect(signIn({ username, password: "correct hrose" }, ip)).rejects.toThrow("Wrong username or password");
      await expect(signIn({ username, password: "correct horse" }, ip)).resolves.toMatchObject({ username });
    }
  });
});
