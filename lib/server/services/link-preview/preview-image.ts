import "server-only";
import crypto from "node:crypto";
import sharp from "sharp";
import { avatarDecodes } from "@/lib/server/services/avatars";

/** The longest side of a preview image as Parley serves it (the card shows it at 64 px, 2× and more for big screens). */
export const PREVIEW_IMAGE_SIDE = 400;
/** Larger pictures are not decoded at all: a pixel bomb costs a header read, nothing more. */
export const PREVIEW_IMAGE_MAX_PIXELS = 24_000_000;

const NAME = /^[A-Za-z0-9_-]{22}\.webp$/;

/** Names are 16 random bytes: unguessable, never reused, so the bytes behind one never change. */
export const newPreviewImageName = () => `${crypto.randomBytes(16).toString("base64url")}.webp`;
export const isPreviewImageName = (name: string) => NAME.test(name);

/**
 * A site's image, decoded once (first frame, metadata dropped) and written again as a
 * small WebP; null when it is not a picture sharp reads or is too large to decode.
 * Shares the avatars' decode slots, so previews and uploads together stay bounded.
 */
export async function reencodePreviewImage(input: Buffer): Promise<Buffer | null> {
  const meta = await sharp(input, { limitInputPixels: false })
    .metadata()
    .catch(() => null);
  if (!meta?.width || !meta.height || meta.format === "svg" || meta.width * meta.height > PREVIEW_IMAGE_MAX_PIXELS) return null;
  return avatarDecodes
    .run(() =>
      sharp(input, { limitInputPixels: PREVIEW_IMAGE_MAX_PIXELS, pages: 1, failOn: "error" })
        .timeout({ seconds: 10 })
        .autoOrient()
        .resize(PREVIEW_IMAGE_SIDE, PREVIEW_IMAGE_SIDE, { fit: "inside", withoutEnlargement: true })
        .webp({ quality: 80 })
        .toBuffer(),
    )
    .catch(() => null);
}
