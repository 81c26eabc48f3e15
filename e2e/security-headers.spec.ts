import type { APIResponse } from "@playwright/test";
import { request } from "@playwright/test";
import sharp from "sharp";
import { expect, test, uniqueName } from "./fixtures/test";
import { signedInClient } from "./pages/admin-api";

/** What every response carries, whatever produced it (a page, a route handler, a static file, a 404). */
function expectSecurityHeaders(response: APIResponse, what: string) {
  const headers = response.headers();
  const csp = headers["content-security-policy"] ?? "";
  expect(csp, `${what}: CSP`).toContain("frame-ancestors 'none'");
  expect(headers["x-content-type-options"], what).toBe("nosniff");
  expect(headers["x-frame-options"], what).toBe("DENY");
  expect(headers["referrer-policy"], what).toBe("strict-origin-when-cross-origin");
  expect(headers["permissions-policy"], what).toContain("camera=()");
  expect(headers["permissions-policy"], what).toContain("microphone=()");
  expect(headers["permissions-policy"], what).toContain("geolocation=()");
  // The test server trusts its proxy, but this request did not claim https.
  expect(headers["strict-transport-security"], what).toBeUndefined();
  return csp;
}

function directive(csp: string, name: string): string[] {
  const found = csp
    .split(";")
    .map((d) => d.trim().split(/\s+/))
    .find(([n]) => n === name);
  return found?.slice(1) ?? [];
}

test("every kind of response carries the security headers; pages get a fresh nonce on every script", async ({ parley }) => {
  const client = await signedInClient(parley.url, uniqueName("hed"), "Hedda");
  const avatar = await sharp({ create: { width: 64, height: 64, channels: 3, background: "#3366cc" } })
    .png()
    .toBuffer();
  const upload = await client.post("/api/profile/avatar", { multipart: { file: { name: "me.png", mimeType: "image/png", buffer: avatar } } });
  expect(upload.status(), await upload.text()).toBe(200);
  const { profile } = (await upload.json()) as { profile: { avatarUrl: string } };

  const chat = await client.get("/");
  expect(chat.status()).toBe(200);
  const html = await chat.text();
  const csp = expectSecurityHeaders(chat, "the chat page");
  const script = directive(csp, "script-src");
  expect(script).toContain("'strict-dynamic'");
  expect(script).not.toContain("'unsafe-eval'");
  expect(script).not.toContain("'unsafe-inline'");
  expect(directive(csp, "object-src")).toEqual(["'none'"]);
  expect(directive(csp, "base-uri")).toEqual(["'self'"]);
  expect(directive(csp, "form-action")).toEqual(["'self'"]);
  expect(directive(csp, "img-src")).toEqual(["'self'", "data:", "blob:"]);
  expect(directive(csp, "connect-src")).toEqual(["'self'", `ws://127.0.0.1:${parley.port}`, `wss://127.0.0.1:${parley.port}`]);

  // Every script Next and next-themes wrote into the page carries this response's nonce.
  const nonce = script.find((s) => s.startsWith("'nonce-"))?.slice(7, -1) ?? "";
  expect(nonce.length).toBeGreaterThanOrEqual(16);
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length).toBeGreaterThan(3);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  const again = directive(expectSecurityHeaders(await client.get("/"), "the chat page again"), "script-src");
  expect(again).not.toContain(`'nonce-${nonce}'`);

  const staticAsset = html.match(/\/_next\/static\/[^"]+\.js/)?.[0] ?? "";
  const responses: Array<[string, string, number]> = [
    ["/login", "a redirect (signed in, at /login)", 307],
    ["/settings/profile", "the profile page", 200],
    ["/api/auth/session", "an API route", 200],
    ["/api/users/nobody", "an API error", 404],
    [profile.avatarUrl, "an avatar", 200],
    ["/api/avatars/AAAAAAAAAAAAAAAAAAAAAA.webp", "a missing avatar", 404],
    ["/api/previews/AAAAAAAAAAAAAAAAAAAAAA.webp", "a missing link preview image", 404],
    [staticAsset, "a static asset", 200],
    ["/icons/icon-192.png", "a public file", 200],
    ["/manifest.webmanifest", "the manifest", 200],
    ["/sw.js", "the service worker", 200],
    ["/offline.html", "the offline page", 200],
    ["/no-such-page", "a 404 page", 404],
    ["/socket.io/?EIO=4&transport=polling", "a Socket.IO polling answer", 200],
  ];
  for (const [path, what, status] of responses) {
    const response = await client.get(path, { maxRedirects: 0 });
    expect(response.status(), `${what} (${path})`).toBe(status);
    expectSecurityHeaders(response, `${what} (${path})`);
  }
  // server.ts's own refusal of a foreign origin, answered before Next sees the request.
  const refused = await client.patch("/api/profile", { headers: { origin: "http://evil.example" }, data: { statusLine: "x" } });
  expect(refused.status()).toBe(403);
  expectSecurityHeaders(refused, "an origin refusal");
  await client.dispose();
});

test("HSTS is sent when the trusted proxy says the browser used https, and never over plain http", async ({ parley }) => {
  const client = await request.newContext({ baseURL: parley.url });
  const overHttps = await client.get("/login", { headers: { "x-forwarded-proto": "https" } });
  expect(overHttps.headers()["strict-transport-security"]).toBe("max-age=31536000");
  const overHttp = await client.get("/login", { headers: { "x-forwarded-proto": "http" } });
  expect(overHttp.headers()["strict-transport-security"]).toBeUndefined();
  await client.dispose();
});

test("a nonce a client puts in its own Content-Security-Policy request header is never used", async ({ parley }) => {
  const client = await request.newContext({ baseURL: parley.url });
  const chosen = "Y2hvc2VuYnl0aGVjbGllbnQ=";
  const response = await client.get("/login", { headers: { "content-security-policy": `script-src 'nonce-${chosen}'`, "x-parley-nonce": chosen } });
  expect(response.headers()["content-security-policy"]).not.toContain(chosen);
  expect(await response.text()).not.toContain(chosen);
  await client.dispose();
});
