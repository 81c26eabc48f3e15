import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/server/db/client";
import { openDb } from "@/lib/server/db/client";
import { applyMigrations } from "@/lib/server/db/migrate";
import type { PasswordHasher } from "@/lib/server/services/passwords";
import { argon2Hasher } from "@/lib/server/services/passwords";
import { createUserService } from "@/lib/server/services/users";

let db: Db;
beforeAll(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "parley-users-"));
  const url = `file:${path.join(dir, "parley.db")}`;
  await applyMigrations(url);
  db = await openDb(url);
});
afterAll(async () => {
  await db.$disconnect();
});

describe("users", () => {
  it("hashes passwords with argon2id", async () => {
    const hash = await argon2Hasher.hash("correct horse");
    expect(hash.startsWith("$argon2id$")).toBe(true);
    expect(await argon2Hasher.verify(hash, "correct horse")).toBe(true);
    expect(await argon2Hasher.verify(hash, "wrong")).toBe(false);
    expect(await argon2Hasher.verify("not a hash", "x")).toBe(false);
  });

  it("makes the first account admin, refuses taken names case-insensitively, and verifies credentials", async () => {
    const users = createUserService({ db, passwords: argon2Hasher });
    const first = await users.signUp({ username: "alice", displayName: "Alice", password: "password1" });
    const second = await users.signUp({ username: "bob", displayName: "Bob", password: "password2" });
    expect(first.role).toBe("admin");
    expect(second.role).toBe("user");
    await expect(users.signUp({ username: "alice", displayName: "Other", password: "password3" })).rejects.toMatchObject({
      code: "CONFLICT",
      message: "That username is taken",
    });
    const stored = await db.user.findUnique({ where: { username: "alice" } });
    expect(stored?.passwordHash).not.toContain("password1");

    expect(await users.verifyCredentials({ username: "alice", password: "password1" })).toMatchObject({ id: first.id });
    expect(await users.verifyCredentials({ username: "alice", password: "password2" })).toBeNull();
    expect(await users.verifyCredentials({ username: "nobody", password: "password1" })).toBeNull();
  });

  it("spends a hash comparison on unknown usernames too, so timing does not reveal them", async () => {
    let verifies = 0;
    const counting: PasswordHasher = {
      hash: argon2Hasher.hash,
      verify: async (h, p) => {
        verifies++;
        return argon2Hasher.verify(h, p);
      },
    };
    const users = createUserService({ db, passwords: counting });
    await users.verifyCredentials({ username: "ghost", password: "whatever1" });
    expect(verifies).toBe(1);
  });
});
