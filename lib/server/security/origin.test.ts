import { describe, expect, it } from "vitest";
import type { OriginPolicy } from "@/lib/server/security/origin";
import { isAllowedOrigin, mayChangeState, ownOrigin } from "@/lib/server/security/origin";

const policy: OriginPolicy = { allowedOrigins: [], trustProxy: false };
const host = { host: "127.0.0.1:3000" };

describe("origin policy", () => {
  it("derives Parley's own origin from the request, or takes PUBLIC_URL", () => {
    expect(ownOrigin(host, false, policy)).toBe("http://127.0.0.1:3000");
    expect(ownOrigin(host, true, policy)).toBe("https://127.0.0.1:3000");
    expect(
      ownOrigin({ host: "10.0.0.2:3000", "x-forwarded-host": "chat.example.org", "x-forwarded-proto": "https" }, false, { ...policy, trustProxy: { hops: 1 } }),
    ).toBe("https://chat.example.org");
    // Without a trusted proxy a client-written X-Forwarded-Host means nothing.
    expect(ownOrigin({ ...host, "x-forwarded-host": "evil.example" }, false, policy)).toBe("http://127.0.0.1:3000");
    expect(ownOrigin(host, false, { ...policy, publicOrigin: "https://chat.example.org" })).toBe("https://chat.example.org");
  });

  it("refuses another port of the same host, other hosts and opaque origins", () => {
    expect(isAllowedOrigin("http://127.0.0.1:3000", host, false, policy)).toBe(true);
    expect(isAllowedOrigin("http://127.0.0.1:3001", host, false, policy)).toBe(false);
    expect(isAllowedOrigin("https://127.0.0.1:3000", host, false, policy)).toBe(false);
    expect(isAllowedOrigin("http://evil.example", host, false, policy)).toBe(false);
    expect(isAllowedOrigin("null", host, false, policy)).toBe(false);
    expect(isAllowedOrigin("not a url", host, false, policy)).toBe(false);
    expect(isAllowedOrigin("https://chat.example.org", host, false, { ...policy, allowedOrigins: ["https://chat.example.org"] })).toBe(true);
  });

  it("lets reads through, and state changes only from Parley's own pages or from no page at all", () => {
    expect(mayChangeState("GET", { ...host, origin: "http://evil.example" }, false, policy)).toBe(true);
    expect(mayChangeState("POST", { ...host, origin: "http://127.0.0.1:3000" }, false, policy)).toBe(true);
    for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
      expect(mayChangeState(method, { ...host, origin: "http://127.0.0.1:4000" }, false, policy)).toBe(false);
    }
    expect(mayChangeState("POST", { ...host, "sec-fetch-site": "same-site" }, false, policy)).toBe(false);
    expect(mayChangeState("POST", { ...host, "sec-fetch-site": "cross-site" }, false, policy)).toBe(false);
    expect(mayChangeState("POST", { ...host, "sec-fetch-site": "same-origin" }, false, policy)).toBe(true);
    // The terminal client and curl send neither header.
    expect(mayChangeState("POST", host, false, policy)).toBe(true);
  });
});
