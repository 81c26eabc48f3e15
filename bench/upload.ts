/**
 * Image upload → stored photo and thumbnail: what POST /api/uploads does to a 12-megapixel
 * phone photo (type by content, header check, re-encode without metadata, 480 px WebP
 * thumbnail, both written to the local file store), HTTP and the database row aside.
 * It runs in a child process allowed on two cores: the bench runner itself is pinned to
 * one, and sharp (libvips) uses every core it may.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { percentile } from "./stats.ts";
import { hasTaskset, ROOT } from "./server-runner.ts";

export interface UploadResult {
  megapixels: number;
  inputBytes: number;
  runs: number;
  cores: number;
  ms: { p50: number; p95: number; max: number };
}

/** 4000×3000 with smooth shapes and fine grain, so the JPEG is photo-sized (a few MB), not a flat colour. */
async function photo(): Promise<Buffer> {
  const coarse = await sharp({ create: { width: 80, height: 60, channels: 3, background: "#808080", noise: { type: "gaussian", mean: 128, sigma: 60 } } })
    .png()
    .toBuffer();
  const base = await sharp(coarse).resize(4000, 3000, { kernel: "cubic" }).raw().toBuffer();
  const grain = await sharp({ create: { width: 4000, height: 3000, channels: 3, background: "#000", noise: { type: "gaussian", mean: 0, sigma: 12 } } })
    .raw()
    .toBuffer();
  for (let i = 0; i < base.length; i++) base[i] = Math.max(0, Math.min(255, base[i]! + grain[i]! - 6));
  return sharp(base, { raw: { width: 4000, height: 3000, channels: 3 } })
    .jpeg({ quality: 90 })
    .withMetadata({ orientation: 1 })
    .toBuffer();
}

async function child(runs: number): Promise<UploadResult> {
  // Imported here: the runner process never loads the server's modules.
  const { processUpload } = await import("@/lib/server/services/attachments/process");
  const { createLocalStore } = await import("@/lib/server/storage/local-store");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "parley-upload-bench-"));
  const store = createLocalStore(dir);
  const input = await photo();
  const times: number[] = [];
  try {
    for (let i = 0; i <= runs; i++) {
      const started = performance.now();
      const result = await processUpload(input, "IMG_1234.JPG");
      const key = `benchfile${String(i).padStart(4, "0")}`;
      await store.put(key, result.bytes, result.mime);
      await store.put(`${key}-thumb`, result.thumb!, "image/webp");
      // The first run warms sharp up (its shared library and thread pool): not counted.
      if (i > 0) times.push(performance.now() - started);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  times.sort((a, b) => a - b);
  const round = (n: number) => Math.round(n);
  return {
    megapixels: 12,
    inputBytes: input.length,
    runs,
    cores: os.availableParallelism(),
    ms: { p50: round(percentile(times, 50)), p95: round(percentile(times, 95)), max: round(times.at(-1) ?? 0) },
  };
}

export function measureUpload(options: { runs: number; log: (line: string) => void }): UploadResult {
  const node = [process.execPath, "--import", "tsx", "--import", "./scripts/server-only-off.mjs", "bench/upload.ts", "--child", String(options.runs)];
  const [command, args] = hasTaskset() ? ["taskset", ["-c", "0,1", ...node]] : [node[0]!, node.slice(1)];
  const out = execFileSync(command, args, { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
  const result = JSON.parse(out.trim().split("\n").at(-1)!) as UploadResult;
  options.log(
    `parley: ${result.megapixels} MP photo (${(result.inputBytes / 1024 / 1024).toFixed(1)} MB) upload → thumbnail on ${result.cores} cores: p50 ${result.ms.p50} p95 ${result.ms.p95} ms over ${result.runs}`,
  );
  return result;
}

if (process.argv.includes("--child")) {
  const runs = Number(process.argv.at(-1)) || 1;
  child(runs).then(
    (result) => console.log(JSON.stringify(result)),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
