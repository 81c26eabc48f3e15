// Draws Parley's app icons (our own artwork: a speech bubble on indigo) into
// public/icons/. Run once after changing the design: `node scripts/make-icons.mjs`.
// The PNGs are committed, so builds and installs never need this script.
import { mkdir } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";

const OUT = path.resolve(import.meta.dirname, "../public/icons");
const INDIGO = "#4f46e5";

const BUBBLE = "M168 128h176a64 64 0 0 1 64 64v112a64 64 0 0 1-64 64H236l-78 58a8 8 0 0 1-12.6-7.8L156 368h12a64 64 0 0 1-64-64V192a64 64 0 0 1 64-64z";
const DOTS = [196, 256, 316].map((cx) => `<circle cx="${cx}" cy="248" r="24"/>`).join("");

/**
 * A white speech bubble with three typing dots on a 512 grid; `scale` shrinks it
 * about the centre. `cutout` punches the dots through instead of painting them.
 */
function glyph(scale, { cutout = false } = {}) {
  const dots = cutout ? `<mask id="dots"><rect width="512" height="512" fill="#fff"/><g fill="#000">${DOTS}</g></mask>` : "";
  return `${dots}
  <g transform="translate(256 256) scale(${scale}) translate(-256 -256)">
    <path fill="#ffffff" d="${BUBBLE}"${cutout ? ' mask="url(#dots)"' : ""}/>
    ${cutout ? "" : `<g fill="${INDIGO}">${DOTS}</g>`}
  </g>`;
}

const svg = (body) => `<svg xmlns="http://www.w3.org/2000/svg" width="512" height="512" viewBox="0 0 512 512">${body}</svg>`;

const icons = {
  // "any": a rounded tile, as most launchers show it.
  "icon-192.png": [192, svg(`<rect width="512" height="512" rx="112" fill="${INDIGO}"/>${glyph(1)}`)],
  "icon-512.png": [512, svg(`<rect width="512" height="512" rx="112" fill="${INDIGO}"/>${glyph(1)}`)],
  // "maskable": full bleed, glyph inside the central safe circle (radius 40%) that every mask keeps.
  "icon-maskable-512.png": [512, svg(`<rect width="512" height="512" fill="${INDIGO}"/>${glyph(0.78)}`)],
  // iOS ignores manifest icons and rounds corners itself: full bleed, no transparency.
  "apple-touch-icon.png": [180, svg(`<rect width="512" height="512" fill="${INDIGO}"/>${glyph(0.9)}`)],
  // Android's status bar draws only the alpha channel of a notification badge.
  "badge-96.png": [96, svg(glyph(1.15, { cutout: true }))],
};

await mkdir(OUT, { recursive: true });
for (const [name, [size, source]] of Object.entries(icons)) {
  await sharp(Buffer.from(source), { density: (72 * size) / 512 })
    .resize(size, size)
    .png({ compressionLevel: 9, palette: name !== "badge-96.png" })
    .toFile(path.join(OUT, name));
  console.log(`wrote public/icons/${name}`);
}
