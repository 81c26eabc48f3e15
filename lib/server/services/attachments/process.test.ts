import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { isAppError } from "@/lib/shared/errors";
import { animatedGif, BLUE, pngHeaderClaiming, RED, solidImage } from "@/tests/image-fixtures";
import { contentDisposition, safeDisplayName } from "./names";
import { processUpload, THUMB_SIDE } from "./process";

async function refusal(input: Buffer, name: string): Promise<string> {
  const error = await processUpload(input, name).then(
    () => null,
    (e: unknown) => e,
  );
  if (!isAppError(error)) throw new Error(`expected a refusal, got ${String(error)}`);
  return error.message;
}

/** A JPEG as a phone writes it: taken sideways (EXIF orientation 6), with a camera model and GPS position. */
function phonePhoto(): Promise<Buffer> {
  return sharp({ create: { width: 400, height: 200, channels: 3, background: RED } })
    .jpeg()
    .withMetadata({ orientation: 6 })
    .withExifMerge({
      IFD0: { Make: "PhoneCo", Model: "Pocket 9" },
      IFD3: { GPSLatitudeRef: "N", GPSLatitude: "51/1 30/1 0/1", GPSLongitudeRef: "W", GPSLongitude: "0/1 7/1 0/1" },
    })
    .toBuffer();
}

describe("what an upload is, by its bytes", () => {
  it("treats a PNG named .txt as an image and names it .png", async () => {
    const result = await processUpload(await solidImage("png", 300, 200), "notes.txt");
    expect(result).toMatchObject({ kind: "image", mime: "image/png", name: "notes.png", width: 300, height: 200 });
    expect((await sharp(result.bytes).metadata()).format).toBe("png");
  });

  it.each([
    ["HTML", "<!doctype html><html><body><script>alert(1)</script></body></html>"],
    ["SVG", '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="10" height="10"/></svg>'],
  ])("treats %s named .png as a plain file, stored as sent", async (_kind, text) => {
    const input = Buffer.from(text);
    const result = await processUpload(input, "cat.png");
    expect(result).toMatchObject({ kind: "file", mime: "application/octet-stream", name: "cat.png" });
    expect(result.thumb).toBeUndefined();
    expect(result.bytes.equals(input)).toBe(true);
  });

  it("keeps the detected type of other files (a PDF stays a download with its type)", async () => {
    const pdf = Buffer.from("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");
    expect(await processUpload(pdf, "report")).toMatchObject({ kind: "file", mime: "application/pdf", name: "report.pdf" });
  });

  it("re-encodes a phone photo upright with its EXIF and GPS gone, and makes a WebP thumbnail", async () => {
    const input = await phonePhoto();
    expect(await sharp(input).metadata()).toMatchObject({ orientation: 6, exif: expect.any(Buffer) });
    expect(input.includes(Buffer.from("PhoneCo"))).toBe(true);
    const result = await processUpload(input, "IMG_0001.JPG");
    expect(result).toMatchObject({ kind: "image", mime: "image/jpeg", name: "IMG_0001.JPG", width: 200, height: 400 });
    const meta = await sharp(result.bytes).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(meta.orientation).toBeUndefined();
    expect(result.bytes.includes(Buffer.from("PhoneCo"))).toBe(false);
    const thumb = await sharp(result.thumb!).metadata();
    expect(thumb).toMatchObject({ format: "webp", width: 200, height: 400 });
    expect(thumb.exif).toBeUndefined();
  });

  it("fits thumbnails of large images in 480×480", async () => {
    const result = await processUpload(await solidImage("jpeg", 2000, 1000, BLUE), "wide.jpg");
    expect(await sharp(result.thumb!).metadata()).toMatchObject({ format: "webp", width: THUMB_SIDE, height: THUMB_SIDE / 2 });
    expect(result).toMatchObject({ width: 2000, height: 1000 });
  });

  it("keeps a GIF's animation", async () => {
    const result = await processUpload(await animatedGif([RED, BLUE, RED]), "wave.gif");
    expect(result).toMatchObject({ kind: "image", mime: "image/gif", width: 40, height: 30 });
    expect((await sharp(result.bytes).metadata()).pages).toBe(3);
  });

  it.each([
    [20_000, 20_000],
    [60_000, 100],
    [8_000, 8_000],
  ])("refuses a %i×%i pixel bomb from its header, before decoding", async (width, height) => {
    const message = await refusal(pngHeaderClaiming(width, height), "bomb.png");
    expect(message).toBe(
      `bomb.png is ${width.toLocaleString("en-US")}×${height.toLocaleString("en-US")} pixels; images can be at most 16,384 pixels on a side and 50 megapixels. Make it smaller and try again.`,
    );
  });

  it("refuses a damaged image with a sentence", async () => {
    const png = await solidImage("png", 300, 200);
    expect(await refusal(png.subarray(0, 60), "broken.png")).toContain("broken.png looks like an image but could not be read");
  });
});

describe("names", () => {
  it.each([
    ["../../etc/passwd", "passwd"],
    ["C:\\Users\\me\\photo.png", "photo.png"],
    ["evil\u202Egpj.exe", "evilgpj.exe"],
    ["line\nbreak\t.txt", "line break .txt"],
    [".bashrc", "bashrc"],
    ["", "file"],
  ])("makes %j safe as %j", (raw, safe) => {
    expect(safeDisplayName(raw)).toBe(safe);
  });

  it("limits long names and keeps the extension", () => {
    const name = safeDisplayName(`${"a".repeat(300)}.pdf`);
    expect([...name].length).toBe(120);
    expect(name.endsWith(".pdf")).toBe(true);
  });

  it("writes RFC 6266 dispositions with an ASCII fallback and the UTF-8 name", () => {
    expect(contentDisposition("attachment", 'Résumé "final".pdf')).toBe(
      `attachment; filename="R_sum_ _final_.pdf"; filename*=UTF-8''R%C3%A9sum%C3%A9%20%22final%22.pdf`,
    );
  });
});
