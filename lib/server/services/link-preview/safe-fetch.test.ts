import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fetchLinkPreview } from "@/lib/server/services/link-preview/fetch-preview";
import type { SafeFetchOptions } from "@/lib/server/services/link-preview/safe-fetch";
import { PreviewFetchError, safeFetch } from "@/lib/server/services/link-preview/safe-fetch";

const PAGE = `<!doctype html><html><head><title>Fallback</title>
<meta property="og:title" content="Hello &amp; welcome"><meta property="og:image" content="/pic.png"></head><body>hi</body></html>`;

function listen(handler: http.RequestListener): Promise<{ server: http.Server; port: number }> {
  const server = http.createServer(handler);
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ server, port: (server.address() as AddressInfo).port })));
}

let main: { server: http.Server; port: number };
let other: { server: http.Server; port: number };
let otherHits = 0;
let hosts: string[] = [];
let allow: string[];

beforeAll(async () => {
  other = await listen((_req, res) => {
    otherHits++;
    res.setHeader("content-type", "text/html").end(PAGE);
  });
  main = await listen((req, res) => {
    hosts.push(req.headers.host ?? "");
    const path = req.url ?? "/";
    if (path === "/page") return res.setHeader("content-type", "text/html; charset=utf-8").end(PAGE);
    if (path === "/to-other") return res.writeHead(302, { location: `http://127.0.0.1:${other.port}/` }).end();
    const chain = /^\/chain\/(\d+)$/.exec(path);
    if (chain) {
      const n = Number(chain[1]);
      return n === 0 ? res.setHeader("content-type", "text/html").end(PAGE) : res.writeHead(301, { location: `/chain/${n - 1}` }).end();
    }
    if (path === "/slow") return setTimeout(() => res.setHeader("content-type", "text/html").end(PAGE), 2000);
    if (path === "/big") {
      res.setHeader("content-type", "text/html");
      const chunk = Buffer.alloc(64 * 1024, "a");
      for (let i = 0; i < 20; i++) res.write(chunk);
      return res.end();
    }
    if (path === "/json") return res.setHeader("content-type", "application/json").end("{}");
    if (path === "/image") return res.setHeader("content-type", "image/png").end(Buffer.alloc(10));
    if (path === "/missing") return res.writeHead(404, { "content-type": "text/html" }).end("gone");
    res.writeHead(500).end();
  });
  allow = [`127.0.0.1:${main.port}`];
});

afterAll(() => {
  main.server.close();
  other.server.close();
});

async function reason(url: string, opts?: SafeFetchOptions): Promise<string> {
  const error = await safeFetch(url, { timeoutMs: 3000, ...opts }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PreviewFetchError);
  return (error as PreviewFetchError).reason;
}

describe("safeFetch without an allow-list", () => {
  it.each([
    "http://127.0.0.1/",
    "http://localhost/",
    "http://[::1]/",
    "http://[::ffff:127.0.0.1]/",
    "http://[::ffff:7f00:1]/",
    "http://0.0.0.0/",
    "http://169.254.169.254/latest/meta-data/",
    "http://10.1.2.3/",
    "https://192.168.0.1/",
  ])("refuses %s as a blocked address", async (url) => {
    expect(await reason(url)).toBe("blocked-address");
  });

  it("refuses the local test server itself, even on its real port", async () => {
    expect(await reason(`http://127.0.0.1:${main.port}/page`, { allowedPorts: [main.port] })).toBe("blocked-address");
    expect(hosts).toEqual([]);
  });

  it.each([
    ["ftp://example.com/file", "bad-scheme"],
    ["file:///etc/passwd", "bad-scheme"],
    ["javascript:alert(1)", "bad-scheme"],
    ["http://example.com:8080/", "bad-port"],
    ["not a url", "bad-url"],
  ])("refuses %s (%s)", async (url, why) => {
    expect(await reason(url)).toBe(why);
  });

  it("refuses a name whose DNS answers include a private address", async () => {
    const lookup = async () => [
      { address: "93.184.216.34", family: 4 },
      { address: "10.0.0.1", family: 4 },
    ];
    expect(await reason("http://rebind.example/", { lookup })).toBe("blocked-address");
  });
});

describe("safeFetch with the test server allowed", () => {
  it("fetches the page, sending the URL's host, and reads its preview", async () => {
    hosts = [];
    const preview = await fetchLinkPreview(`http://127.0.0.1:${main.port}/page`, { allowHosts: allow });
    expect(preview).toEqual({
      url: `http://127.0.0.1:${main.port}/page`,
      title: "Hello & welcome",
      description: null,
      siteName: null,
      imageUrl: `http://127.0.0.1:${main.port}/pic.png`,
    });
    expect(hosts).toEqual([`127.0.0.1:${main.port}`]);
  });

  it("connects to the address it checked, not a second DNS answer", async () => {
    hosts = [];
    let calls = 0;
    const lookup = async () => {
      calls++;
      return [{ address: "127.0.0.1", family: 4 }];
    };
    const result = await safeFetch(`http://preview.test:${main.port}/page`, { allowHosts: [`preview.test:${main.port}`], lookup });
    expect(result.status).toBe(200);
    expect(calls).toBe(1);
    expect(hosts).toEqual([`preview.test:${main.port}`]);
  });

  it("refuses a redirect to a local address that is not allowed", async () => {
    otherHits = 0;
    expect(await reason(`http://127.0.0.1:${main.port}/to-other`, { allowHosts: allow })).toBe("bad-port");
    expect(await reason(`http://127.0.0.1:${main.port}/to-other`, { allowHosts: allow, allowedPorts: [other.port] })).toBe("blocked-address");
    expect(otherHits).toBe(0);
  });

  it("follows three redirects but not four", async () => {
    const ok = await safeFetch(`http://127.0.0.1:${main.port}/chain/3`, { allowHosts: allow });
    expect(ok.url).toBe(`http://127.0.0.1:${main.port}/chain/0`);
    expect(await reason(`http://127.0.0.1:${main.port}/chain/4`, { allowHosts: allow })).toBe("too-many-redirects");
  });

  it("gives up on a slow server", async () => {
    const started = Date.now();
    expect(await reason(`http://127.0.0.1:${main.port}/slow`, { allowHosts: allow, timeoutMs: 300 })).toBe("timeout");
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it("refuses a body over 1 MB, non-HTML pages and error statuses", async () => {
    expect(await reason(`http://127.0.0.1:${main.port}/big`, { allowHosts: allow })).toBe("too-large");
    expect(await reason(`http://127.0.0.1:${main.port}/json`, { allowHosts: allow })).toBe("not-html");
    expect(await reason(`http://127.0.0.1:${main.port}/missing`, { allowHosts: allow })).toBe("http-status");
  });

  it("fetches images only in image mode", async () => {
    const image = await safeFetch(`http://127.0.0.1:${main.port}/image`, { allowHosts: allow, kind: "image" });
    expect([image.contentType, image.body.length]).toEqual(["image/png", 10]);
    expect(await reason(`http://127.0.0.1:${main.port}/page`, { allowHosts: allow, kind: "image" })).toBe("not-image");
  });
});
