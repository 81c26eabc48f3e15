import zlib from "node:zlib";
import sharp from "sharp";

/** Real image files made from raw pixels, so tests need no binary fixtures in git. */
export type Format = "png" | "jpeg" | "webp" | "gif";
type Rgb = { r: number; g: number; b: number };

export const RED: Rgb = { r: 255, g: 0, b: 0 };
export const GREEN: Rgb = { r: 0, g: 255, b: 0 };
export const BLUE: Rgb = { r: 0, g: 0, b: 255 };

export function solidImage(format: Format, width = 300, height = 200, colour: Rgb = RED): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: colour } })
    .toFormat(format)
    .toBuffer();
}

/** Three vertical bands (left, middle, right) of equal width. */
export function bandedPng(width: number, height: number, bands: [Rgb, Rgb, Rgb]): Promise<Buffer> {
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const band = bands[Math.min(2, Math.floor((x * 3) / width))]!;
      pixels.set([band.r, band.g, band.b], (y * width + x) * 3);
    }
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .png()
    .toBuffer();
}

/** An animated GIF, one solid frame per colour. */
export async function animatedGif(colours: Rgb[], width = 40, height = 30): Promise<Buffer> {
  const frames = await Promise.all(colours.map((c) => solidImage("png", width, height, c)));
  return sharp(frames, { join: { animated: true } })
    .gif()
    .toBuffer();
}

/** Random pixels barely compress: a real PNG of about width × height × 3 bytes. */
export function noisePng(width: number, height: number): Promise<Buffer> {
  const pixels = Buffer.alloc(width * height * 3);
  for (let i = 0; i < pixels.length; i += 4) pixels.writeUInt32LE((Math.random() * 2 ** 32) >>> 0, i);
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .png({ compressionLevel: 0 })
    .toBuffer();
}

export function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(body));
  return Buffer.concat([length, body, crc]);
}

const PNG_SIGNATURE = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);

/** A few hundred bytes whose header claims `width` × `height` RGBA pixels: a decompression bomb's calling card. */
export function pngHeaderClaiming(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([PNG_SIGNATURE, pngChunk("IHDR", ihdr), pngChunk("IDAT", zlib.deflateSync(Buffer.alloc(64))), pngChunk("IEND", Buffer.alloc(0))]);
}

/** Inserts a tEXt chunk right after IHDR: still a valid PNG to every decoder. */
export function pngWithTextChunk(png: Buffer, keyword: string, text: string): Buffer {
  const afterIhdr = 8 + 4 + 4 + 13 + 4;
  const chunk = pngChunk("tEXt", Buffer.concat([Buffer.from(keyword, "latin1"), Buffer.from([0]), Buffer.from(text, "latin1")]));
  return Buffer.concat([png.subarray(0, afterIhdr), chunk, png.subarray(afterIhdr)]);
}

/** Inserts a JPEG comment (COM) segment right after SOI: the classic JPEG/HTML polyglot. */
export function jpegWithComment(jpeg: Buffer, text: string): Buffer {
  const body = Buffer.from(text, "latin1");
  const header = Buffer.from([0xff, 0xfe, 0, 0]);
  header.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([jpeg.subarray(0, 2), header, body, jpeg.subarray(2)]);
}
