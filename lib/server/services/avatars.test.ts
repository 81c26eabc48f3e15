import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openDb } from "@/lib/server/db/client";
import { isAppError } from "@/lib/shared/errors";
import type { Format } from "@/tests/image-fixtures";
import { animatedGif, bandedPng, BLUE, GREEN, jpegWithComment, noisePng, pngHeaderClaiming, pngWithTextChunk, RED, solidImage } from "@/tests/image-fixtures";
import { createTestDb } from "@/tests/test-db";
import { createSemaphore } from "@/lib/server/services/semaphore";
import type { AvatarService } from "./avatars";
import { AVATAR_ERRORS, avatarTooOften, avatarsDir, createAvatarService } from "./avatars";

/** On the suite's database (SQLite, or PostgreSQL with PARLEY_TEST_DATABASE_URL). */
let testDb: Awaited<ReturnType<typeof createTestDb>>;
let dataDir: string;
let avatars: AvatarService;
beforeAll(async () => {
  testDb = await createTestDb();
});
afterAll(async () => {
  await testDb.close();
});
beforeEach(async () => {
  await testDb.db.avatarImage.deleteMany();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "parley-avatars-"));
  avatars = createAvatarService({ db: testDb.db, dataDir });
});
afterEach(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** Every stored avatar's name; nothing is ever written to the data folder any more. */
async function storedNames(): Promise<string[]> {
  expect(fs.existsSync(path.join(dataDir, "uploads"))).toBe(false);
  return (await testDb.db.avatarImage.findMany({ select: { name: true } })).map((row) => row.name).sort();
}

async function pixelAt(file: Buffer, x: number, y: number) {
  const { data, info } = await sharp(file).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const i = (y * info.width + x) * 3;
  return { r: data[i]!, g: data[i + 1]!, b: data[i + 2]! };
}

async function refusal(input: Buffer): Promise<string> {
  const error = await avatars.save(input).then(
    () => null,
    (e: unknown) => e,
  );
  if (!isAppError(error)) throw new Error(`expected a refusal, got ${String(error)}`);
  expect(error.code).toBe("VALIDATION");
  return error.message;
}

describe("avatar upload", () => {
  it.each<Format>(["png", "jpeg", "webp", "gif"])("accepts a %s and stores a 256×256 WebP under a random name", async (format) => {
    const name = await avatars.save(await solidImage(format, 300, 200));

    expect(name).toMatch(/^[A-Za-z0-9_-]{22}\.webp$/);
    expect(await storedNames()).toEqual([name]);
    const stored = Buffer.from((await testDb.db.avatarImage.findUniqueOrThrow({ where: { name } })).bytes);
    const meta = await sharp(stored).metadata();
    expect(meta).toMatchObject({ format: "webp", width: 256, height: 256 });
    expect(await avatars.read(name)).toEqual(stored);
  });

  it("crops the centre of a wide image", async () => {
    const name = await avatars.save(await bandedPng(900, 200, [RED, GREEN, BLUE]));
    const stored = (await avatars.read(name))!;
    for (const [x, y] of [
      [0, 0],
      [255, 255],
      [128, 128],
    ] as const) {
      const { r, g, b } = await pixelAt(stored, x, y);
      expect(g).toBeGreaterThan(200);
      expect(r + b).toBeLessThan(60);
    }
  });

  it("uses the first frame of an animated GIF", async () => {
    const name = await avatars.save(await animatedGif([RED, BLUE]));
    const stored = (await avatars.read(name))!;
    expect((await sharp(stored).metadata()).pages ?? 1).toBe(1);
    const { r, b } = await pixelAt(stored, 128, 128);
    expect(r).toBeGreaterThan(200);
    expect(b).toBeLessThan(40);
  });

  it("strips EXIF metadata such as camera details", async () => {
    const jpeg = await sharp(await solidImage("jpeg"))
      .withExif({ IFD0: { Copyright: "Ada's secret camera", Make: "SpyCam" } })
      .jpeg()
      .toBuffer();
    expect(jpeg.toString("latin1")).toContain("SpyCam");

    const stored = (await avatars.read(await avatars.save(jpeg)))!;
    expect((await sharp(stored).metadata()).exif).toBeUndefined();
    expect(stored.toString("latin1")).not.toContain("SpyCam");
  });

  it("gives each upload a new name, and removes a replaced file", async () => {
    const first = await avatars.save(await solidImage("png"));
    const second = await avatars.save(await solidImage("png"));
    expect(second).not.toBe(first);
    await avatars.remove(first);
    expect(await storedNames()).toEqual([second]);
    await avatars.remove(first); // already gone: fine
  });
});

describe("avatar refusals (nothing is stored)", () => {
  const svg = `<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(document.cookie)</script><rect width="10" height="10"/></svg>`;
  const html = `<!doctype html><html><body><script>fetch("/api/profile")</script></body></html>`;

  const cases: [string, () => Promise<Buffer> | Buffer, string][] = [
    ["an SVG with a script", () => Buffer.from(svg), AVATAR_ERRORS.type],
    ["an HTML page named avatar.jpg", () => Buffer.from(html), AVATAR_ERRORS.type],
    ["a PNG with an HTML page appended (polyglot)", async () => Buffer.concat([await solidImage("png"), Buffer.from(html)]), AVATAR_ERRORS.markup],
    ["a PNG with HTML in a text chunk (polyglot)", async () => pngWithTextChunk(await solidImage("png"), "Comment", html), AVATAR_ERRORS.markup],
    [
      "a JPEG with a script in its comment (polyglot)",
      async () => jpegWithComment(await solidImage("jpeg"), "<script>alert(1)</script>"),
      AVATAR_ERRORS.markup,
    ],
    ["a file over 2 MB", () => noisePng(900, 900), AVATAR_ERRORS.size],
    ["a tiny PNG whose header claims 20000×20000 pixels", () => pngHeaderClaiming(20_000, 20_000), AVATAR_ERRORS.dimensions],
    ["a highly compressible 5000×5000 PNG", () => solidImage("png", 5000, 5000), AVATAR_ERRORS.dimensions],
    ["an image 4097 pixels wide", () => solidImage("png", 4097, 10), AVATAR_ERRORS.dimensions],
    [
      "a TIFF (an image, but not an accepted type)",
      () =>
        sharp({ create: { width: 8, height: 8, channels: 3, background: RED } })
          .tiff()
          .toBuffer(),
      AVATAR_ERRORS.type,
    ],
    ["a truncated PNG", async () => (await noisePng(64, 64)).subarray(0, 2000), AVATAR_ERRORS.unreadable],
    ["an empty file", () => Buffer.alloc(0), AVATAR_ERRORS.empty],
  ];

  it.each(cases)("refuses %s", async (_label, make, message) => {
    const input = await make();
    expect(await refusal(input)).toBe(message);
    expect(await storedNames()).toEqual([]);
  });

  it("the size and pixel limits are the ones users are told", async () => {
    expect(await refusal(await noisePng(900, 900))).toBe("Avatars must be 2 MB or smaller");
    expect(await refusal(pngHeaderClaiming(20_000, 20_000))).toBe("Avatars must be at most 4096×4096 pixels");
    expect(await refusal(Buffer.from(svg))).toBe("Avatars must be PNG, JPEG, WebP or GIF images");
  });

  it("accepts the largest allowed image", async () => {
    const name = await avatars.save(await solidImage("png", 4096, 4096));
    expect(await storedNames()).toEqual([name]);
  });
});

describe("avatar names", () => {
  it("never resolves a name outside the avatars folder", async () => {
    fs.writeFileSync(path.join(dataDir, "parley.db"), "secret");
    for (const name of ["../../parley.db", "..%2F..%2Fparley.db", "/etc/passwd", ".hidden.webp.tmp", "x.webp"]) {
      expect(await avatars.read(name)).toBeNull();
      await avatars.remove(name);
    }
    expect(fs.readFileSync(path.join(dataDir, "parley.db"), "utf8")).toBe("secret");
    expect(await avatars.read("AAAAAAAAAAAAAAAAAAAAAA.webp")).toBeNull();
  });
});

describe("avatars across nodes", () => {
  it("one uploaded through node A is served by node B (its own data folder and database client)", async () => {
    const nodeBDir = fs.mkdtempSync(path.join(os.tmpdir(), "parley-avatars-b-"));
    const nodeBDb = await openDb(testDb.url);
    try {
      const nodeB = createAvatarService({ db: nodeBDb, dataDir: nodeBDir });
      const name = await avatars.save(await solidImage("png"));
      expect(await nodeB.read(name)).toEqual(await avatars.read(name));
      expect((await sharp((await nodeB.read(name))!).metadata()).format).toBe("webp");
      await nodeB.remove(name);
      expect(await avatars.read(name)).toBeNull();
    } finally {
      await nodeBDb.$disconnect();
      fs.rmSync(nodeBDir, { recursive: true, force: true });
    }
  });

  it("avatars an older Parley kept as files are moved into the database once, and a removed one stays removed", async () => {
    const legacy = avatarsDir(dataDir);
    fs.mkdirSync(legacy, { recursive: true });
    const webp = await sharp(await solidImage("png"))
      .webp()
      .toBuffer();
    const names = ["AAAAAAAAAAAAAAAAAAAAAA.webp", "BBBBBBBBBBBBBBBBBBBBBB.webp"];
    for (const name of names) fs.writeFileSync(path.join(legacy, name), webp);
    fs.writeFileSync(path.join(legacy, ".CCCCCCCCCCCCCCCCCCCCCC.webp.tmp"), "half a file");

    // Two nodes on one data folder's copy, importing at once: each file lands once.
    const nodeBDb = await openDb(testDb.url);
    try {
      const counts = await Promise.all([avatars.importLegacyFiles(), createAvatarService({ db: nodeBDb, dataDir }).importLegacyFiles()]);
      expect(counts[0]! + counts[1]!).toBe(2);
    } finally {
      await nodeBDb.$disconnect();
    }
    const inDb = (await testDb.db.avatarImage.findMany({ select: { name: true } })).map((row) => row.name).sort();
    expect(inDb).toEqual(names);
    expect(await avatars.read(names[0]!)).toEqual(webp);
    expect(await avatars.importLegacyFiles()).toBe(0);

    await avatars.remove(names[0]);
    expect(fs.existsSync(path.join(legacy, names[0]!))).toBe(false);
    expect(await avatars.importLegacyFiles()).toBe(0);
    expect(await avatars.read(names[0]!)).toBeNull();
  });
});

describe("many uploads at once", () => {
  it("decodes at most two images at a time; the others wait their turn and still succeed", async () => {
    const decodes = createSemaphore(2);
    const service = createAvatarService({ db: testDb.db, dataDir, decodes });
    const image = await solidImage("png", 2000, 2000);
    let mostActive = 0;
    let mostWaiting = 0;
    const sampler = setInterval(() => {
      mostActive = Math.max(mostActive, decodes.active);
      mostWaiting = Math.max(mostWaiting, decodes.waiting);
    }, 1);
    const names = await Promise.all(Array.from({ length: 6 }, () => service.save(image))).finally(() => clearInterval(sampler));
    expect(names).toHaveLength(6);
    expect(new Set(names).size).toBe(6);
    expect(mostActive).toBe(2);
    expect(mostWaiting).toBeGreaterThanOrEqual(1);
    expect(decodes.active).toBe(0);
  });

  it("the per-user sentence says how long to wait", () => {
    expect(avatarTooOften(7)).toBe("You changed your avatar too often — try again in 7 min.");
  });
});
