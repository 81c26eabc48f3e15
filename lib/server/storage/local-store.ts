import "server-only";
import crypto from "node:crypto";
import fsp from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import type { FileStore } from "@/lib/server/storage/file-store";
import { assertStorageKey } from "@/lib/server/storage/file-store";

const isMissing = (error: unknown) => (error as NodeJS.ErrnoException | null)?.code === "ENOENT";

/** `<dataDir>/files`: the default root for the local driver. */
export function localFilesDir(dataDir: string): string {
  return path.join(dataDir, "files");
}

/**
 * Files in one folder, which several nodes may share (a mounted volume): each write goes
 * to a temp file first and is renamed into place, so a reader on any node sees either
 * nothing or the whole file, never half of one.
 */
export function createLocalStore(root: string): FileStore {
  const fileFor = (key: string) => {
    assertStorageKey(key);
    return path.join(root, key);
  };

  return {
    async put(key, bytes) {
      const target = fileFor(key);
      await fsp.mkdir(root, { recursive: true });
      const temp = path.join(root, `.tmp-${crypto.randomBytes(8).toString("hex")}`);
      try {
        await fsp.writeFile(temp, bytes, { flag: "wx" });
        await fsp.rename(temp, target);
      } catch (error) {
        await fsp.rm(temp, { force: true });
        throw error;
      }
    },

    async get(key) {
      try {
        return await fsp.readFile(fileFor(key));
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
    },

    async getStream(key): Promise<Readable | null> {
      const file = fileFor(key);
      try {
        const handle = await fsp.open(file, "r");
        return handle.createReadStream();
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
    },

    async delete(key) {
      await fsp.rm(fileFor(key), { force: true });
    },
  };
}
