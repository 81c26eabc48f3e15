// What the Next build depends on, hashed into one value, and the stamp that records the
// value a finished build was made from. `npm start` compares the two and skips the build
// (about a minute on 2 cores) when nothing it reads has changed.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/** Folders Next compiles or copies from (lib/generated is the Prisma client it bundles). */
export const INPUT_DIRS = ["app", "components", "lib", "public", "prisma"];

/** Root files that change what Next produces; missing ones simply count as absent. */
export const INPUT_FILES = [
  "next.config.mjs",
  "next.config.js",
  "next.config.ts",
  "package.json",
  "package-lock.json",
  "tsconfig.json",
  "postcss.config.mjs",
  "postcss.config.js",
  "tailwind.config.ts",
  "tailwind.config.js",
  "proxy.ts",
  "middleware.ts",
  "instrumentation.ts",
  "instrumentation-client.ts",
  // Next inlines .env values at build time.
  ".env",
  ".env.local",
  ".env.production",
  ".env.production.local",
  // The installed Next itself: a reinstall without a lock change still rebuilds.
  "node_modules/next/package.json",
];

/** Files under the input folders that Next never bundles: changing them needs no build. */
const IGNORED = /(^|\/)(\.DS_Store|[^/]+\.(test|spec)\.[cm]?[jt]sx?)$/;

export const STAMP_FILE = path.join(".next", "parley-build-stamp.json");

function listFiles(root, dir) {
  const full = path.join(root, dir);
  let entries;
  try {
    entries = fs.readdirSync(full, { withFileTypes: true });
  } catch (error) {
    if (error.code === "ENOENT") return [];
    throw error;
  }
  const files = [];
  for (const entry of entries) {
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory()) files.push(...listFiles(root, rel));
    else if (entry.isFile() && !IGNORED.test(rel)) files.push(rel);
  }
  return files;
}

/**
 * One hash over every input's path and content, plus the NEXT_PUBLIC_* variables and
 * NODE_ENV that Next inlines. Paths are sorted so the order of readdir never matters.
 */
export function inputsHash(root, environment = process.env) {
  const hash = createHash("sha256");
  const files = [...INPUT_DIRS.flatMap((dir) => listFiles(root, dir)), ...INPUT_FILES.filter((file) => fs.existsSync(path.join(root, file)))].sort();
  for (const file of files) {
    hash.update(`${file}\0`);
    hash.update(fs.readFileSync(path.join(root, file)));
    hash.update("\0");
  }
  const inlined = Object.keys(environment)
    .filter((name) => name.startsWith("NEXT_PUBLIC_") || name === "NODE_ENV")
    .sort();
  for (const name of inlined) hash.update(`env:${name}=${environment[name]}\0`);
  return { hash: hash.digest("hex"), files: files.length };
}

/** The stamp of the last finished build, or null when there is none (or no build at all). */
export function readStamp(root) {
  if (!fs.existsSync(path.join(root, ".next", "BUILD_ID"))) return null;
  try {
    const stamp = JSON.parse(fs.readFileSync(path.join(root, STAMP_FILE), "utf8"));
    return typeof stamp.hash === "string" ? stamp : null;
  } catch {
    return null;
  }
}

export function writeStamp(root, hash) {
  fs.writeFileSync(path.join(root, STAMP_FILE), `${JSON.stringify({ hash, builtAt: new Date().toISOString() })}\n`);
}

export function removeStamp(root) {
  fs.rmSync(path.join(root, STAMP_FILE), { force: true });
}

/**
 * Builds unless the last finished build was made from these exact inputs. `build` runs
 * the real build (and throws when it fails); the stamp is written only after it succeeds,
 * with the hash taken before it started, so an edit made during a build rebuilds next time.
 */
export function ensureBuild({ root, build, force = false, log = console.log, environment = process.env }) {
  const { hash, files } = inputsHash(root, environment);
  const stamp = readStamp(root);
  if (!force && stamp?.hash === hash) {
    log(`Build is up to date (${files} source files unchanged since ${stamp.builtAt ?? "the last build"}).`);
    return { built: false, hash };
  }
  log(force ? "Building…" : stamp ? "Sources changed: building…" : "No finished build found: building…");
  removeStamp(root);
  build();
  writeStamp(root, hash);
  return { built: true, hash };
}
