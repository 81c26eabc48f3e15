// `npm start` (prestart): runs `next build` only when the sources changed since the last
// finished build. `npm run build` passes --always: it builds every time and writes the stamp.
// Extra arguments go to `next build`.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { ensureBuild } from "./build-stamp.mjs";

const root = path.resolve(import.meta.dirname, "..");
const args = process.argv.slice(2);
const force = args.includes("--always");
const nextArgs = args.filter((arg) => arg !== "--always");
const next = createRequire(import.meta.url).resolve("next/dist/bin/next");

/**
 * Nodes started at once from one checkout must not build into the same .next together:
 * one builds, the others wait for it and then find the build up to date.
 */
const lockDir = path.join(root, ".next-build.lock");
function withLock(run) {
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    try {
      fs.mkdirSync(lockDir);
      fs.writeFileSync(path.join(lockDir, "pid"), String(process.pid));
      break;
    } catch (error) {
      if (error.code !== "EEXIST") throw error;
      if (!lockHolderAlive() || Date.now() > deadline) {
        fs.rmSync(lockDir, { recursive: true, force: true });
        continue;
      }
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
    }
  }
  try {
    return run();
  } finally {
    fs.rmSync(lockDir, { recursive: true, force: true });
  }
}

function lockHolderAlive() {
  try {
    process.kill(Number(fs.readFileSync(path.join(lockDir, "pid"), "utf8")), 0);
    return true;
  } catch (error) {
    // A lock without a pid yet belongs to a process that has only just taken it.
    return error.code === "EPERM" || error.code === "ENOENT";
  }
}

try {
  withLock(() => {
    // cn()'s tailwind-merge config follows the classes the sources use (written only when it changes).
    const generated = spawnSync(process.execPath, ["--import", "tsx", "scripts/gen-tailwind-merge-config.ts"], { cwd: root, stdio: "inherit" });
    if (generated.status !== 0) throw new Error("scripts/gen-tailwind-merge-config.ts failed.");
    return ensureBuild({
      root,
      force,
      build: () => {
        const result = spawnSync(process.execPath, [next, "build", ...nextArgs], { cwd: root, stdio: "inherit" });
        if (result.status !== 0) throw new Error(`next build failed (exit ${result.status ?? result.signal}).`);
      },
    });
  });
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
