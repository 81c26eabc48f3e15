import { afterEach, describe, expect, it } from "vitest";
import { isSecureRequest, sessionCookieName } from "@/lib/auth/cookies";

const saved = process.env.NEXTAUTH_URL;
afterEach(() => {
  if (saved === undefined) delete process.env.NEXTAUTH_URL;
  else process.env.NEXTAUTH_URL = saved;
});

describe("the session cookie the login form sets", () => {
  it("is Secure and __Secure- named exactly when next-auth would read it so", () => {
    delete process.env.NEXTAUTH_URL;
    expect(isSecureRequest(new Headers({ "x-forwarded-proto": "http" }))).toBe(false);
    expect(isSecureRequest(new Headers({ "x-forwarded-proto": "https" }))).toBe(true);
    // next-auth 4 takes a missing protocol for https; so must we, or it would not find our cookie.
    expect(isSecureRequest(new Headers())).toBe(true);
    process.env.NEXTAUTH_URL = "http://chat.example.org";
    expect(isSecureRequest(new Headers({ "x-forwarded-proto": "https" }))).toBe(false);
    expect(sessionCookieName(true)).toBe("__Secure-next-auth.session-token");
    expect(sessionCookieName(false)).toBe("next-auth.session-token");
  });
});
