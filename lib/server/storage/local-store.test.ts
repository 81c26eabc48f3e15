import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createLocalStore } from "./local-store";

let root: string;
beforeEach(() => {
  root = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "parley-store-")), "files");
});
afterEach(() => {
  fs.rmSync(path.dirname(root), { recursive: true, force: true });
});

describe("local file store", () => {
  it("returns what was put, byte for byte", async () => {
    const store = createLocalStore(root);
    const bytes = Buffer.from([0, 1, 2, 255, 254]);
    await store.put("abcdefghij1234", bytes, "application/octet-stream");
    expect(await store.get("abcdefghij1234")).toEqual(bytes);
    const stream = await store.getStream?.("abcdefghij1234");
    const chunks: Buffer[] = [];
    for await (const chunk of stream!) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks)).toEqual(bytes);
  });

  it("answers null for a missing key and deletes idempotently", async () => {
    const store = createLocalStore(root);
    expect(await store.get("missingkey12")).toBeNull();
    expect(await store.getStream?.("missingkey12")).toBeNull();
    await store.put("abcdefghij-t", Buffer.from("x"), "image/webp");
    await store.delete("abcdefghij-t");
    await store.delete("abcdefghij-t");
    expect(await store.get("abcdefghij-t")).toBeNull();
    expect(fs.readdirSync(root)).toEqual([]);
  });

  it.each(["../../etc/passwd", "..%2f..%2fsecret", "abc/defghijk", "short", ".hiddenfile12", "abcdefghij.EXE", "abcdefghij\0x"])(
    "refuses the key %j",
    async (key) => {
      const store = createLocalStore(root);
      await expect(store.put(key, Buffer.from("x"), "text/plain")).rejects.toThrow(/Invalid storage key/);
      await expect(store.get(key)).rejects.toThrow(/Invalid storage key/);
      await expect(store.delete(key)).rejects.toThrow(/Invalid storage key/);
    },
  );

  it("shares one folder between instances (nodes) with nothing cached", async () => {
    const a = createLocalStore(root);
    const b = createLocalStore(root);
    await a.put("sharedkey123.webp", Buffer.from("one"), "image/webp");
    expect(await b.get("sharedkey123.webp")).toEqual(Buffer.from("one"));
    await b.put("sharedkey123.webp", Buffer.from("two"), "image/webp");
    expect(await a.get("sharedkey123.webp")).toEqual(Buffer.from("two"));
    await a.delete("sharedkey123.webp");
    expect(await b.get("sharedkey123.webp")).toBeNull();
  });
});
