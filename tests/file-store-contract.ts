import crypto from "node:crypto";
import type { Readable } from "node:stream";
import type { TestContext } from "vitest";
import { expect, it } from "vitest";
import type { FileStore } from "@/lib/server/storage/file-store";

/** Two stores over one backing folder or bucket, as two nodes would hold them; null skips. */
export type StorePair = () => Promise<{ a: FileStore; b: FileStore } | null>;

async function readAll(stream: Readable | null | undefined) {
  const chunks: Buffer[] = [];
  for await (const chunk of stream ?? []) chunks.push(chunk as Buffer);
  return { bytes: Buffer.concat(chunks), chunks: chunks.length };
}

/** What every FileStore driver promises; each driver's suite calls this with its own stores. */
export function fileStoreContract(pair: StorePair) {
  const stores = async (ctx: TestContext) => (await pair()) ?? ctx.skip();

  it("returns what was put, byte for byte, and a second put replaces it", async (ctx) => {
    const { a } = await stores(ctx);
    const bytes = Buffer.from([0, 1, 2, 255, 254]);
    await a.put("abcdefghij1234", bytes, "application/octet-stream");
    expect(await a.get("abcdefghij1234")).toEqual(bytes);
    expect((await readAll(await a.getStream?.("abcdefghij1234"))).bytes).toEqual(bytes);
    await a.put("abcdefghij1234", new Uint8Array([9, 8]), "application/octet-stream");
    expect(await a.get("abcdefghij1234")).toEqual(Buffer.from([9, 8]));
  });

  it("streams a large file in pieces rather than one buffer", async (ctx) => {
    const { a } = await stores(ctx);
    const bytes = crypto.randomBytes(3 * 1024 * 1024);
    await a.put("largefile-0001.bin", bytes, "application/octet-stream");
    const { bytes: streamed, chunks } = await readAll(await a.getStream?.("largefile-0001.bin"));
    expect(streamed.equals(bytes)).toBe(true);
    expect(chunks).toBeGreaterThan(1);
  });

  it("answers null for a missing key and deletes idempotently", async (ctx) => {
    const { a } = await stores(ctx);
    expect(await a.get("missingkey12")).toBeNull();
    expect(await a.getStream?.("missingkey12")).toBeNull();
    await a.delete("missingkey12");
    await a.put("abcdefghij-t", Buffer.from("x"), "image/webp");
    await a.delete("abcdefghij-t");
    await a.delete("abcdefghij-t");
    expect(await a.get("abcdefghij-t")).toBeNull();
    expect(await a.getStream?.("abcdefghij-t")).toBeNull();
  });

  it.for(["../../etc/passwd", "..%2f..%2fsecret", "abc/defghijk", "short", ".hiddenfile12", "abcdefghij.EXE", "abcdefghij\0x", "abcdefghij?x=1"])(
    "refuses the key %j",
    async (key, ctx) => {
      const { a } = await stores(ctx);
      await expect(a.put(key, Buffer.from("x"), "text/plain")).rejects.toThrow(/Invalid storage key/);
      await expect(a.get(key)).rejects.toThrow(/Invalid storage key/);
      await expect(Promise.resolve().then(() => a.getStream?.(key))).rejects.toThrow(/Invalid storage key/);
      await expect(a.delete(key)).rejects.toThrow(/Invalid storage key/);
    },
  );

  it("shares its files between instances (nodes) with nothing cached", async (ctx) => {
    const { a, b } = await stores(ctx);
    await a.put("sharedkey123.webp", Buffer.from("one"), "image/webp");
    expect(await b.get("sharedkey123.webp")).toEqual(Buffer.from("one"));
    await b.put("sharedkey123.webp", Buffer.from("two"), "image/webp");
    expect(await a.get("sharedkey123.webp")).toEqual(Buffer.from("two"));
    await a.delete("sharedkey123.webp");
    expect(await b.get("sharedkey123.webp")).toBeNull();
  });
}
