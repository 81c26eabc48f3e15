import "server-only";
import { fileTypeFromBuffer } from "file-type";
import sharp from "sharp";
import { AppError } from "@/lib/shared/errors";
import type { Semaphore } from "@/lib/server/services/semaphore";
import { createSemaphore } from "@/lib/server/services/semaphore";
import { safeDisplayName } from "@/lib/server/services/attachments/names";

// Each upload is decoded once: libvips' cache would only keep finished images alive.
sharp.cache(false);

/** Above these an image is refused before a pixel is decoded (a 50 MP RGBA image is ~200 MB in memory). */
export const IMAGE_MAX_PIXELS = 50_000_000;
export const IMAGE_MAX_SIDE = 16_384;
/** Thumbnails fit in this square (WebP). */
export const THUMB_SIDE = 480;
/** Animation is kept while all frames together stay under this; larger ones keep their first frame. */
const ANIMATION_MAX_PIXELS = 40_000_000;
const ANIMATION_MAX_FRAMES = 300;

/**
 * Two large images decode at a time per process, the rest wait: a burst of 12 MP photos
 * must not hold a dozen 50 MB decodes at once on a small server.
 */
export const attachmentDecodes = createSemaphore(2);

type Output = { format: "png" | "jpeg" | "webp" | "gif"; mime: string; ext: string };
const PNG: Output = { format: "png", mime: "image/png", ext: "png" };
const JPEG: Output = { format: "jpeg", mime: "image/jpeg", ext: "jpg" };
const WEBP: Output = { format: "webp", mime: "image/webp", ext: "webp" };
const GIF: Output = { format: "gif", mime: "image/gif", ext: "gif" };

/** file-type's answer (from the bytes) → the format sharp must agree on, and what is stored. AVIF is stored as WebP: encoding AVIF is slow. */
const IMAGES = new Map<string, { sharp: string; output: Output }>([
  ["image/png", { sharp: "png", output: PNG }],
  ["image/apng", { sharp: "png", output: PNG }],
  ["image/jpeg", { sharp: "jpeg", output: JPEG }],
  ["image/webp", { sharp: "webp", output: WEBP }],
  ["image/gif", { sharp: "gif", output: GIF }],
  ["image/avif", { sharp: "heif", output: WEBP }],
]);

export interface ProcessedUpload {
  kind: "image" | "file";
  name: string;
  mime: string;
  /** What is stored and served: a fresh encode without metadata for images, the upload itself for files. */
  bytes: Buffer;
  thumb?: Buffer;
  width?: number;
  height?: number;
}

const refuse = (message: string) => new AppError("VALIDATION", message, { file: message });

export const tooManyPixels = (name: string, width: number, height: number) =>
  `${name} is ${width.toLocaleString("en-US")}×${height.toLocaleString("en-US")} pixels; images can be at most ${IMAGE_MAX_SIDE.toLocaleString("en-US")} pixels on a side and ${IMAGE_MAX_PIXELS / 1_000_000} megapixels. Make it smaller and try again.`;
export const unreadableImage = (name: string) => `${name} looks like an image but could not be read. It may be damaged: save it again and retry.`;

/**
 * Decides what an upload is by its bytes alone (never its name or the browser's
 * type). Images are checked from the header (dimensions) before decoding, then
 * re-encoded upright with every metadata block (EXIF, GPS, XMP, comments) dropped and
 * given a thumbnail; anything else, SVG and HTML included, is a file only ever
 * served as a download.
 */
export async function processUpload(input: Buffer, rawName: string, decodes: Semaphore = attachmentDecodes): Promise<ProcessedUpload> {
  const detected = await fileTypeFromBuffer(input);
  const image = detected && IMAGES.get(detected.mime);
  if (!image) {
    return {
      kind: "file",
      name: safeDisplayName(rawName, { fallbackExt: detected?.ext }),
      mime: detected?.mime ?? "application/octet-stream",
      bytes: input,
    };
  }
  const shownName = safeDisplayName(rawName, { fallback: "image", fallbackExt: image.output.ext });
  // Header only; the pixel limit is off here so that an oversized image gets our sentence.
  const meta = await sharp(input, { limitInputPixels: false })
    .metadata()
    .catch(() => null);
  if (!meta || meta.format !== image.sharp || !meta.width || !meta.height) {
    // An AVIF this build of sharp cannot read is still a file someone may download.
    if (detected.mime === "image/avif") return { kind: "file", name: shownName, mime: detected.mime, bytes: input };
    throw refuse(unreadableImage(shownName));
  }
  const pages = meta.pages ?? 1;
  const frameHeight = meta.pageHeight ?? meta.height;
  if (meta.width > IMAGE_MAX_SIDE || frameHeight > IMAGE_MAX_SIDE || meta.width * frameHeight > IMAGE_MAX_PIXELS)
    throw refuse(tooManyPixels(shownName, meta.width, frameHeight));
  const animated =
    (image.output === GIF || image.output === WEBP) && pages > 1 && pages <= ANIMATION_MAX_FRAMES && meta.width * frameHeight * pages <= ANIMATION_MAX_PIXELS;
  const output = image.output === GIF && !animated ? PNG : image.output;

  return decodes.run(async () => {
    try {
      const options = { limitInputPixels: IMAGE_MAX_PIXELS * (animated ? pages : 1), failOn: "error" as const, pages: animated ? -1 : 1 };
      // No .keepMetadata()/.withMetadata(): sharp writes none of the input's metadata.
      const base = sharp(input, options).timeout({ seconds: 20 }).rotate();
      const full = base.clone();
      if (output.format === "jpeg") full.jpeg({ quality: 85, mozjpeg: false });
      else if (output.format === "png") full.png({ compressionLevel: 6 });
      else if (output.format === "webp") full.webp({ quality: 85 });
      else full.gif();
      const thumbPipeline = sharp(input, { ...options, pages: 1 })
        .timeout({ seconds: 20 })
        .rotate()
        .resize(THUMB_SIDE, THUMB_SIDE, { fit: "inside", withoutEnlargement: true })
        .webp({ quality: 75 });
      const [encoded, thumb] = await Promise.all([full.toBuffer({ resolveWithObject: true }), thumbPipeline.toBuffer()]);
      const height = animated ? (encoded.info.pageHeight ?? frameHeight) : encoded.info.height;
      return {
        kind: "image",
        name: safeDisplayName(shownName, { ext: output.ext, fallback: "image" }),
        mime: output.mime,
        bytes: encoded.data,
        thumb,
        width: encoded.info.width,
        height,
      };
    } catch {
      throw refuse(unreadableImage(shownName));
    }
  });
}
