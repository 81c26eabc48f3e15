import { afterEach, describe, expect, it, vi } from "vitest";
import { http, httpErrorFrom, nextStep, UNREACHABLE } from "@/lib/client/http";

afterEach(() => vi.unstubAllGlobals());

describe("http", () => {
  it("answers the server's AppError body as the error, with the status", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(
        async () =>
          new Response(JSON.stringify({ error: { code: "CONFLICT", message: "That username is taken.", fields: { username: "Taken." } } }), { status: 409 }),
      ),
    );
    expect(await http("/api/x", { method: "POST", body: { a: 1 } })).toEqual({
      ok: false,
      error: { status: 409, code: "CONFLICT", message: "That username is taken.", fields: { username: "Taken." } },
    });
  });

  it("answers data on success and sends JSON", async () => {
    const fetch = vi.fn(async () => new Response(JSON.stringify({ profile: { id: "u1" } }), { status: 200 }));
    vi.stubGlobal("fetch", fetch);
    expect(await http("/api/profile", { method: "PATCH", body: { displayName: "A" } })).toEqual({ ok: true, data: { profile: { id: "u1" } } });
    expect(fetch).toHaveBeenCalledWith(
      "/api/profile",
      expect.objectContaining({ method: "PATCH", body: '{"displayName":"A"}', headers: { "content-type": "application/json" } }),
    );
  });

  it("turns an unreachable server into a sentence in the same shape", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => Promise.reject(new TypeError("Failed to fetch"))),
    );
    expect(await http("/api/x")).toEqual({ ok: false, error: { status: 0, code: "UNAVAILABLE", message: UNREACHABLE } });
  });

  it("gives a sentence and a code for a status whose body says nothing", () => {
    expect(httpErrorFrom(429, null)).toMatchObject({ status: 429, code: "RATE_LIMITED" });
    expect(httpErrorFrom(502, "<html>")).toMatchObject({ status: 502, code: "INTERNAL", message: expect.stringMatching(/\.$/) });
    expect(nextStep(httpErrorFrom(401, null))).toBe("Log in again to continue.");
  });
});
