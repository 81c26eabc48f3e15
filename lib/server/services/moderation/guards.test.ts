import { describe, expect, it } from "vitest";
import type { LoginGuard } from "@/lib/server/services/moderation/login-guard";
import { createMemoryLoginGuard, tooManyAttempts } from "@/lib/server/services/moderation/login-guard";
import { defaultModerationSettings } from "@/lib/server/services/moderation/settings";
import { createSlowMode } from "@/lib/server/services/moderation/slow-mode";
import { applyWordFilter } from "@/lib/server/services/moderation/word-filter";
import { createMemoryLimiter } from "@/lib/server/services/rate-limit";

describe("login guard", () => {
  const setup = () => {
    let t = 0;
    const guard = createMemoryLoginGuard({ settings: () => defaultModerationSettings().login, now: () => t });
    return { guard, at: (ms: number) => (t = ms) };
  };
  const fail = async (guard: LoginGuard, username: string, ip: string) => (await guard.reserve(username, ip)).ok;

  it("blocks the (username, IP) pair for 60 s after 3 failures, without restarting on more attempts", async () => {
    const { guard, at } = setup();
    expect(await fail(guard, "alice", "1.1.1.1")).toBe(true);
    expect(await fail(guard, "alice", "1.1.1.1")).toBe(true);
    expect(await guard.retryAfter("alice", "1.1.1.1")).toBe(0);
    expect(await fail(guard, "alice", "1.1.1.1")).toBe(true);
    expect(await guard.retryAfter("alice", "1.1.1.1")).toBe(60);
    at(13_000);
    expect(await guard.reserve("alice", "1.1.1.1")).toEqual({ ok: false, retryAfter: 47 });
    expect(tooManyAttempts(47)).toBe("Too many attempts — try again in 47 s");
    at(59_999);
    expect(await guard.retryAfter("alice", "1.1.1.1")).toBe(1);
    at(60_000);
    expect(await guard.retryAfter("alice", "1.1.1.1")).toBe(0);
    // Other pairs are unaffected.
    expect(await guard.retryAfter("alice", "2.2.2.2")).toBe(0);
    expect(await guard.retryAfter("bob", "1.1.1.1")).toBe(0);
  });

  it("a success resets the consecutive count", async () => {
    const { guard } = setup();
    await fail(guard, "alice", "ip");
    const reservation = await guard.reserve("alice", "ip");
    if (!reservation.ok) throw new Error("expected a reservation");
    await guard.succeeded("alice", "ip", reservation.ticket);
    await fail(guard, "alice", "ip");
    await fail(guard, "alice", "ip");
    expect(await guard.retryAfter("alice", "ip")).toBe(0);
  });

  it("caps attempts per IP across usernames (spraying)", async () => {
    const { guard } = setup();
    for (let i = 0; i < 20; i++) expect(await fail(guard, `user${i}`, "9.9.9.9")).toBe(true);
    expect(await guard.reserve("someone_new", "9.9.9.9")).toMatchObject({ ok: false });
    expect(await guard.retryAfter("someone_new", "8.8.8.8")).toBe(0);
  });
});

describe("word filter", () => {
  it("blocks whole words case-insensitively with a clear sentence", () => {
    expect(() => applyWordFilter("you are a Jerk!", { words: ["jerk"], mode: "block" })).toThrow(/not allowed here/);
    expect(applyWordFilter("a jerkin is a jacket", { words: ["jerk"], mode: "block" }).matched).toEqual([]);
  });
  it("masks when set to mask", () => {
    expect(applyWordFilter("you JERK", { words: ["jerk"], mode: "mask" }).body).toBe("you ****");
  });
});

describe("slow mode", () => {
  it("refuses a second message inside the gap and says how long to wait", () => {
    const slow = createSlowMode();
    slow.enter("u", "r", 30, 0);
    slow.end("u", "r", 30, true, 0);
    expect(() => slow.enter("u", "r", 30, 12_500)).toThrow("Slow mode is on: wait 18 s before your next message here.");
    expect(() => slow.enter("u", "r", 30, 30_000)).not.toThrow();
    expect(() => slow.enter("u", "other-room", 30, 30_001)).not.toThrow();
  });

  it("starts the gap only when a message was stored", () => {
    const slow = createSlowMode();
    slow.enter("u", "r", 30, 0);
    slow.end("u", "r", 30, false, 0);
    expect(() => slow.enter("u", "r", 30, 1)).not.toThrow();
  });

  it("holds the next message back while one is being stored", () => {
    const slow = createSlowMode();
    slow.enter("u", "r", 30, 0);
    expect(() => slow.enter("u", "r", 30, 1)).toThrow("Slow mode is on: wait 30 s before your next message here.");
    slow.end("u", "r", 30, true, 2);
    expect(() => slow.enter("u", "r", 30, 3)).toThrow(/wait 30 s/);
  });
});

describe("in-process rate limiter", () => {
  it("allows N per window and frees up as the window slides", async () => {
    let t = 0;
    const limiter = createMemoryLimiter({ name: "t", tokens: 3, windowMs: 1000 }, () => t);
    for (let i = 0; i < 3; i++) expect((await limiter.limit("k")).success).toBe(true);
    expect(await limiter.limit("k")).toMatchObject({ success: false, reset: 1000 });
    t = 1001;
    expect((await limiter.limit("k")).success).toBe(true);
  });
});
