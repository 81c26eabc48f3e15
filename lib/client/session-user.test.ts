import { describe, expect, it } from "vitest";
import { followSessionUser } from "@/lib/client/session-user";
import type { SessionUser } from "@/lib/shared/types";

const me: SessionUser = { id: "me", username: "me", displayName: "Me", role: "user", avatarUrl: null };

describe("the chat page's signed-in user", () => {
  it("takes a new role from the moderator's notice, so the Moderation link appears without a reload", () => {
    const promoted = followSessionUser(me, { type: "notice", notice: { kind: "role", role: "moderator", message: "Your role is now moderator." } });
    expect(promoted.role).toBe("moderator");
    expect(followSessionUser(promoted, { type: "notice", notice: { kind: "role", role: "user", message: "Your role is now user." } }).role).toBe("user");
  });

  it("ignores notices that change no role, and other people's profiles", () => {
    expect(followSessionUser(me, { type: "notice", notice: { kind: "timeout", message: "You are timed out" } })).toBe(me);
    expect(followSessionUser(me, { type: "profile", profile: { id: "bob", displayName: "Bob", avatarUrl: null } })).toBe(me);
  });

  it("follows its own new name and the user a reconnect hands over", () => {
    expect(followSessionUser(me, { type: "profile", profile: { id: "me", displayName: "New Me", avatarUrl: "/a.webp" } })).toMatchObject({
      displayName: "New Me",
      avatarUrl: "/a.webp",
      role: "user",
    });
    expect(followSessionUser(me, { type: "ready", user: { ...me, role: "admin" } }).role).toBe("admin");
  });
});
