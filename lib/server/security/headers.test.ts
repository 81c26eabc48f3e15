import type { IncomingMessage, ServerResponse } from "node:http";
import { describe, expect, it } from "vitest";
import { NONCE_HEADER } from "@/lib/server/security/csp";
import { applySecurityHeaders, cameOverHttps } from "@/lib/server/security/headers";

function fakeRequest(url: string, headers: Record<string, string> = {}, encrypted = false): IncomingMessage {
  return { url, headers: { host: "chat.example.org", ...headers }, socket: encrypted ? { encrypted: true } : {} } as unknown as IncomingMessage;
}

function fakeResponse() {
  const sent: Record<string, string> = {};
  const res = { setHeader: (name: string, value: string) => (sent[name.toLowerCase()] = value) } as unknown as ServerResponse;
  return { res, sent };
}

function run(req: IncomingMessage, options: Partial<Parameters<typeof applySecurityHeaders>[2]> = {}) {
  const { res, sent } = fakeResponse();
  applySecurityHeaders(req, res, { trustProxy: false, dev: false, ...options });
  return sent;
}

describe("cameOverHttps", () => {
  it("believes our own TLS socket", () => expect(cameOverHttps(fakeRequest("/", {}, true), false)).toBe(true));
  it("ignores X-Forwarded-Proto when no proxy is trusted", () => expect(cameOverHttps(fakeRequest("/", { "x-forwarded-proto": "https" }), false)).toBe(false));
  it("believes a trusted proxy's first hop", () => {
    expect(cameOverHttps(fakeRequest("/", { "x-forwarded-proto": "https, http" }), { hops: 2 })).toBe(true);
    expect(cameOverHttps(fakeRequest("/", { "x-forwarded-proto": "http" }), { hops: 1 })).toBe(false);
  });
});

describe("applySecurityHeaders", () => {
  it("hands Next the same fresh nonce the browser is told about, replacing any the client sent", () => {
    const req = fakeRequest("/", { "content-security-policy": "script-src 'nonce-mine'", [NONCE_HEADER]: "mine" });
    const sent = run(req);
    const nonce = req.headers[NONCE_HEADER] as string;
    expect(nonce).not.toBe("mine");
    expect(sent["content-security-policy"]).toContain(`'nonce-${nonce}'`);
    expect(req.headers["content-security-policy"]).toBe(sent["content-security-policy"]);
    expect(run(fakeRequest("/"))["content-security-policy"]).not.toContain(`'nonce-${nonce}'`);
  });

  it("allows eval only to the development server", () => {
    expect(run(fakeRequest("/"))["content-security-policy"]).not.toContain("unsafe-eval");
    expect(run(fakeRequest("/"), { dev: true })["content-security-policy"]).toContain("'unsafe-eval'");
  });

  it("gives the static offline page same-origin scripts instead of a nonce it cannot carry", () => {
    const csp = run(fakeRequest("/offline.html"))["content-security-policy"] ?? "";
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain("nonce-");
    expect(csp).toContain("frame-ancestors 'none'");
  });

  it("gives sent files a sandbox that runs and loads nothing, whatever they contain", () => {
    expect(run(fakeRequest("/api/files/AAAAAAAAAAAAAAAAAAAAAA?thumb=1"))["content-security-policy"]).toBe(
      "sandbox; default-src 'none'; frame-ancestors 'none'",
    );
    expect(run(fakeRequest("/api/uploads"))["content-security-policy"]).toContain("script-src 'nonce-");
  });

  it("never echoes a Host header that could smuggle a directive", () => {
    const csp = run(fakeRequest("/", { host: "evil.example; script-src *" }))["content-security-policy"] ?? "";
    expect(csp).not.toContain("evil");
    expect(csp).toContain("connect-src 'self';");
  });

  it("sends HSTS over https only", () => {
    expect(run(fakeRequest("/", {}, true))["strict-transport-security"]).toMatch(/^max-age=\d{8,}/);
    expect(run(fakeRequest("/", { "x-forwarded-proto": "https" }))["strict-transport-security"]).toBeUndefined();
    expect(run(fakeRequest("/", { "x-forwarded-proto": "https" }), { trustProxy: { hops: 1 } })["strict-transport-security"]).toBeDefined();
  });
});
