import "server-only";
import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { fileTypeFromBuffer } from "file-type";
import sharp from "sharp";
import type { Db } from "@/lib/server/db/client";
import { AppError } from "@/lib/shared/errors";
import { AVATAR_MAX_BYTES, AVATAR_MAX_SIDE, AVATAR_OUTPUT_SIDE } from "@/lib/shared/schemas/profile";
import type { Semaphore } from "@/lib/server/services/semaphore";
import { createSemaphore } from "@/lib/server/services/semaphore";

// libvips' operation cache kept decoded uploads alive after the request: 20 parallel
// 4096×4096 uploads left ~160 MiB behind. Avatars are never decoded twice, so no cache.
sharp.cache(false);

/**
 * A 4096×4096 image decodes to ~64 MiB; two at a time bounds that on a small server
 * while the rest wait their turn (shared by every upload in this process).
 */
export const avatarDecodes = createSemaphore(2);

export const AVATAR_ERRORS = {
  empty: "Choose an image to upload",
  type: "Avatars must be PNG, JPEG, WebP or GIF images",
  size: "Avatars must be 2 MB or smaller",
  dimensions: `Avatars must be at most ${AVATAR_MAX_SIDE}×${AVATAR_MAX_SIDE} pixels`,
  markup: "That image has web page code hidden inside it, so it can't be used as an avatar",
  unreadable: "That image could not be read. It may be damaged: try saving it again",
} as const;

export const avatarTooOften = (minutes: number) => `You changed your avatar too often — try again in ${minutes} min.`;

/** file-type's answer (from the magic bytes) → the format sharp must agree on. */
const ACCEPTED = new Map([
  ["image/png", "png"],
  ["image/apng", "png"],
  ["image/jpeg", "jpeg"],
  ["image/webp", "webp"],
  ["image/gif", "gif"],
]);

/**
 * Markup a browser could be tricked into running if the original file were ever
 * served as something else (polyglots). The stored avatar is always a fresh
 * re-encode, so this is defence in depth. Each marker is long enough that random
 * compressed pixel data matches one in well under 1 of 100,000 uploads of 2 MB.
 */
const MARKUP = /<(?:script|html|body|iframe|object|embed)[\s/>]|<!doctype\s|<\?php\s|\bon(?:load|error)\s*=|javascript:/i;

/** 16 random bytes, base64url: unguessable, and the only shape the server will serve. */
const NAME = /^[A-Za-z0-9_-]{22}\.webp$/;

export function isAvatarName(name: string): boolean {
  return NAME.test(name);
}

/** Where Parley kept avatars as files before they moved into the database. */
export function avatarsDir(dataDir: string): string {
  return path.join(dataDir, "uploads", "avatars");
}

const refuse = (message: string) => new AppError("VALIDATION", message, { file: message });

/**
 * Checks the upload the cheap way first (size, magic bytes, markup, header
 * dimensions) so a hostile file is refused before any pixel is decoded, then
 * re-encodes the first frame to a square WebP without metadata.
 */
export async function reencodeAvatar(input: Buffer, decodes: Semaphore = avatarDecodes): Promise<Buffer> {
  if (input.length === 0) throw refuse(AVATAR_ERRORS.empty);
  if (input.length > AVATAR_MAX_BYTES) throw refuse(AVATAR_ERRORS.size);
  const detected = await fileTypeFromBuffer(input);
  const format = detected && ACCEPTED.get(detected.mime);
  if (!format) throw refuse(AVATAR_ERRORS.type);
  if (MARKUP.test(input.toString("latin1"))) throw refuse(AVATAR_ERRORS.markup);

  // Reads only the header; the pixel limit is off here so an oversized image gets our sentence.
  const meta = await sharp(input, { limitInputPixels: false })
    .metadata()
    .catch(() => {
      throw refuse(AVATAR_ERRORS.unreadable);
    });
  if (meta.format !== format) throw refuse(AVATAR_ERRORS.type);
  if (!meta.width || !meta.height) throw refuse(AVATAR_ERRORS.unreadable);
  if (meta.width > AVATAR_MAX_SIDE || meta.height > AVATAR_MAX_SIDE) throw refuse(AVATAR_ERRORS.dimensions);

  return decodes.run(async () => {
    try {
      return await sharp(input, { limitInputPixels: AVATAR_MAX_SIDE * AVATAR_MAX_SIDE, pages: 1, failOn: "error" })
        .timeout({ seconds: 10 })
        .autoOrient()
        .resize(AVATAR_OUTPUT_SIDE, AVATAR_OUTPUT_SIDE, { fit: "cover", position: "centre" })
        .webp({ quality: 85 })
        .toBuffer();
    } catch {
      throw refuse(AVATAR_ERRORS.unreadable);
    }
  });
}

const isUniqueViolation = (error: unknown) => (error as { code?: string } | null)?.code === "P2002";

/**
 * Stored avatars live in the database (AvatarImage), so whichever node took the upload,
 * every node serves it. `dataDir` is only where an older Parley kept them as files.
 */
export function createAvatarService(deps: { db: Db; dataDir: string; decodes?: Semaphore }) {
  const { db } = deps;
  const legacyDir = avatarsDir(deps.dataDir);

  return {
    /** Validates and stores an upload; returns the new name. Nothing is stored when refused. */
    async save(input: Buffer): Promise<string> {
      const bytes = await reencodeAvatar(input, deps.decodes);
      const name = `${crypto.randomBytes(16).toString("base64url")}.webp`;
      await db.avatarImage.create({ data: { name, bytes: new Uint8Array(bytes) } });
      return name;
    },

    /** Idempotent; names that are not ours are ignored rather than resolved against the disk. */
    async remove(name: string | null | undefined): Promise<void> {
      if (!name || !isAvatarName(name)) return;
      await db.avatarImage.deleteMany({ where: { name } });
      // Its file from before avatars moved into the database, so no later import revives it.
      await fs.rm(path.join(legacyDir, name), { force: true });
    },

    /** The stored WebP, or null for an unknown or malformed name. */
    async read(name: string): Promise<Buffer | null> {
      if (!isAvatarName(name)) return null;
      const row = await db.avatarImage.findUnique({ where: { name } });
      return row ? Buffer.from(row.bytes) : null;
    },

    /**
     * Copies avatars an older Parley wrote to `<dataDir>/uploads/avatars/` into the
     * database (at start, before serving), so existing profile pictures keep working on
     * every node. Idempotent, and safe when several nodes import at once; the files stay.
     */
    async importLegacyFiles(): Promise<number> {
      let names: string[];
      try {
        names = (await fs.readdir(legacyDir)).filter(isAvatarName);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return 0;
        throw error;
      }
      let imported = 0;
      for (let i = 0; i < names.length; i += 200) {
        const batch = names.slice(i, i + 200);
        const present = new Set((await db.avatarImage.findMany({ where: { name: { in: batch } }, select: { name: true } })).map((row) => row.name));
        for (const name of batch.filter((n) => !present.has(n))) {
          const bytes = await fs.readFile(path.join(legacyDir, name));
          try {
            await db.avatarImage.create({ data: { name, bytes: new Uint8Array(bytes) } });
            imported += 1;
          } catch (error) {
            if (!isUniqueViolation(error)) throw error; // another node imported it first
          }
        }
      }
      return imported;
    },
  };
}

export type AvatarService = ReturnType<typeof createAvatarService>;
