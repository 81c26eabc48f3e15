import http from "node:http";
import type { AddressInfo } from "node:net";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/server/db/client";
import { createLogger } from "@/lib/server/logger";
import type { PreviewLookup } from "@/lib/server/services/link-preview/preview-lookup";
import { createPreviewLookup, PREVIEW_OK_TTL_MS, PREVIEW_RETRY_TTL_MS } from "@/lib/server/services/link-preview/preview-lookup";
import { noisePng, solidImage } from "@/tests/image-fixtures";
import { createTestDb } from "@/tests/test-db";

const hits = new Map<string, number>();
let status = 200;
const held: Array<() => void> = [];
const heldWaiters: Array<() => void> = [];
let site: http.Server;
let origin: string;
let images: Record<string, Buffer>;

let database: Awaited<ReturnType<typeof createTestDb>>;
let db: Db;
let clock = Date.now();
let lookup: PreviewLookup;

beforeAll(async () => {
  images = {
    "/wide.jpg": await solidImage("jpeg", 2000, 500),
    "/small.png": await solidImage("png", 40, 30),
    // 6000×6000: over the pixel limit, refused from its header without being decoded.
    "/huge.png": await sharp({ create: { width: 6000, height: 6000, channels: 3, background: "#000" } })
      .png()
      .toBuffer(),
    "/noise.png": await noisePng(64, 64),
  };
  site = http.createServer((req, res) => {
    const path = req.url ?? "/";
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const image = images[path];
    if (image) return res.setHeader("content-type", path.endsWith(".jpg") ? "image/jpeg" : "image/png").end(image);
    if (path === "/not-a-picture.png") return res.setHeader("content-type", "image/png").end("<svg onload=alert(1)>");
    const img = /img=([^&]+)/.exec(path)?.[1];
    const body = `<title>Title of ${path.split("?")[0]}</title>${img ? `<meta property="og:image" content="/${img}">` : ""}`;
    const answer = () => res.writeHead(status, { "content-type": "text/html" }).end(body);
    if (path.startsWith("/held")) {
      held.push(answer);
      heldWaiters.shift()?.();
    } else answer();
  });
  await new Promise<void>((resolve) => site.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
  database = await createTestDb();
  db = database.db;
  lookup = createPreviewLookup({ db, logger: createLogger("silent"), allowHosts: [new URL(origin).host], now: () => clock });
});
afterAll(async () => {
  site?.close();
  await database?.close();
});

describe("preview lookup", () => {
  it("fetches a URL once for lookups that overlap", async () => {
    const url = `${origin}/held-once`;
    const first = lookup.get(url);
    const second = lookup.get(url);
    await new Promise<void>((resolve) => (held.length ? resolve() : heldWaiters.push(resolve)));
    held.shift()?.();
    const [a, b] = await Promise.all([first, second]);
    expect(a).toEqual({ url, title: "Title of /held-once" });
    expect(b).toEqual(a);
    expect(hits.get("/held-once")).toBe(1);
  });

  it("reuses a card for a day and a failure for an hour", async () => {
    const url = `${origin}/ttl`;
    await lookup.get(url);
    clock += PREVIEW_OK_TTL_MS - 1000;
    await lookup.get(url);
    expect(hits.get("/ttl")).toBe(1);
    clock += 2000;
    await lookup.get(url);
    expect(hits.get("/ttl")).toBe(2);

    status = 503;
    const down = `${origin}/down`;
    try {
      expect(await lookup.get(down)).toBeNull();
      clock += PREVIEW_RETRY_TTL_MS - 1000;
      expect(await lookup.get(down)).toBeNull();
      expect(hits.get("/down")).toBe(1);
      status = 200;
      clock += 2000;
      expect(await lookup.get(down)).toMatchObject({ title: "Title of /down" });
      expect(hits.get("/down")).toBe(2);
    } finally {
      status = 200;
    }
  });

  it("re-encodes the page's image to a WebP of at most 400 px and stores it", async () => {
    const card = await lookup.get(`${origin}/page?img=wide.jpg`);
    const name = card?.imageUrl?.split("/").pop() ?? "";
    const bytes = await lookup.image(name);
    expect(bytes).not.toBeNull();
    const meta = await sharp(bytes ?? Buffer.alloc(0)).metadata();
    expect([meta.format, meta.width, meta.height, meta.exif]).toEqual(["webp", 400, 100, undefined]);

    // Small images are not enlarged.
    const small = await lookup.get(`${origin}/page?img=small.png`);
    const smallMeta = await sharp((await lookup.image(small?.imageUrl?.split("/").pop() ?? "")) ?? Buffer.alloc(0)).metadata();
    expect([smallMeta.width, smallMeta.height]).toEqual([40, 30]);
  });

  it("keeps the card but drops an image that is not one, or too large to decode", async () => {
    for (const img of ["not-a-picture.png", "huge.png", "missing.png"]) {
      const card = await lookup.get(`${origin}/page?img=${img}`);
      expect(card).toEqual({ url: `${origin}/page?img=${img}`, title: "Title of /page" });
    }
    expect(await db.previewImage.count()).toBe(2);
  });
});
