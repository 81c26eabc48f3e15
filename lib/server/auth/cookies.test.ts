import { describe, expect, it } from "vitest";
import { isSecureRequest, sessionCookieName } from "@/lib/server/auth/cookies";

describe("the session cookie the login form sets", () => {
  it("is Secure and __Secure- named exactly when next-auth would read it so", () => {
    expect(isSecureRequest(new Headers({ "x-forwarded-proto": "http" }), undefined)).toBe(false);
    expect(isSecureRequest(new Headers({ "x-forwarded-proto": "https" }), undefined)).toBe(true);
    // next-auth 4 takes a missing protocol for https; so must we, or it would not find our cookie.
    expect(isSecureRequest(new Headers(), undefined)).toBe(true);
    expect(isSecureRequest(new Headers({ "x-forwarded-proto": "https" }), "http://chat.example.org")).toBe(false);
    expect(sessionCookieName(true)).toBe("__Secure-next-auth.session-token");
    expect(sessionCookieName(false)).toBe("next-auth.session-token");
  });
});
