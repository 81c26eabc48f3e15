import { describe, expect, it, vi } from "vitest";
import { createSignIn } from "@/lib/server/services/sign-in";
import type { LoginGuard } from "@/lib/server/services/moderation/login-guard";

/** An incomplete login form is told what to fill in, before any account is looked at. */
function signInWithStubs() {
  const verifyCredentials = vi.fn(async () => null);
  const loginGuard = {
    reserve: vi.fn(async () => ({ ok: true, ticket: "t" })),
    retryAfter: vi.fn(async () => 0),
    succeeded: vi.fn(async () => undefined),
  } as unknown as LoginGuard;
  const sanctions = { ipBanned: vi.fn(async () => null), standing: vi.fn(async () => ({ ban: null })) };
  return { signIn: createSignIn({ users: { verifyCredentials }, loginGuard, sanctions: sanctions as never }), verifyCredentials };
}

describe("sign-in with an incomplete form", () => {
  it.each([
    [{ username: "", password: "" }, "Enter your username and password."],
    [{ username: "   ", password: "" }, "Enter your username and password."],
    [{}, "Enter your username and password."],
    [{ username: "", password: "secret" }, "Enter your username."],
    [{ username: "alice", password: "" }, "Enter your password."],
  ])("%j says %s", async (form, sentence) => {
    const { signIn, verifyCredentials } = signInWithStubs();
    await expect(signIn(form, "10.0.0.1")).rejects.toThrow(sentence);
    expect(verifyCredentials).not.toHaveBeenCalled();
  });

  it("still answers a filled-in wrong pair with the usual sentence", async () => {
    const { signIn } = signInWithStubs();
    await expect(signIn({ username: "alice", password: "nope" }, "10.0.0.1")).rejects.toThrow("Wrong username or password");
  });
});
