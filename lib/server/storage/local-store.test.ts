import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fileStoreContract } from "@/tests/file-store-contract";
import { createLocalStore } from "./local-store";

let root: string;
beforeEach(() => {
  root = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "parley-store-")), "files");
});
afterEach(() => {
  fs.rmSync(path.dirname(root), { recursive: true, force: true });
});

describe("local file store", () => {
  fileStoreContract(async () => ({ a: createLocalStore(root), b: createLocalStore(root) }));

  it("leaves only the stored files in its folder: no temp files, nothing after a delete", async () => {
    const store = createLocalStore(root);
    await store.put("abcdefghij-t", Buffer.from("x"), "image/webp");
    expect(fs.readdirSync(root)).toEqual(["abcdefghij-t"]);
    await store.delete("abcdefghij-t");
    expect(fs.readdirSync(root)).toEqual([]);
  });
});
