import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { freePort } from "./fixtures/parley-server";

/**
 * What a person sees after Ctrl+C on `npm start`: the terminal sends SIGINT to the
 * whole foreground group (npm, and Parley under it), and npm forwards one more.
 * Parley must still give connected people the grace period and npm must exit 0.
 */
test("Ctrl+C on `npm start` shuts down after the grace period and npm exits 0", async () => {
  test.setTimeout(120_000);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "parley-npm-start-"));
  const port = await freePort();
  // --ignore-scripts skips prestart's build: the e2e run built once already.
  const npm = spawn("npm", ["start", "--ignore-scripts"], {
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: "127.0.0.1", SHUTDOWN_GRACE_SECONDS: "2" },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let log = "";
  npm.stdout.on("data", (d: Buffer) => (log += d.toString()));
  npm.stderr.on("data", (d: Buffer) => (log += d.toString()));
  const exited = new Promise<number | null>((resolve) => npm.once("exit", (code, signal) => resolve(signal ? -1 : code)));
  await expect.poll(() => log, { timeout: 60_000 }).toContain("Parley is ready");

  const pressed = Date.now();
  process.kill(-npm.pid!, "SIGINT");
  const code = await exited;
  expect(log).toContain("Parley stopped cleanly.");
  expect(code, log).toBe(0);
  // The grace period was kept: npm's forwarded copy of the signal did not skip it.
  expect(Date.now() - pressed).toBeGreaterThanOrEqual(2000);
});

/**
 * A restart (a rolling restart of several nodes, say) must not rebuild for a minute when
 * nothing changed: the first start builds if it must, the second finds the build current.
 */
test("a second `npm start` skips the build and is ready in seconds", async () => {
  test.setTimeout(180_000);
  // The first start's build step (a no-op when the e2e setup has just built).
  execFileSync(process.execPath, ["scripts/build-if-changed.mjs"], { stdio: "ignore", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "parley-npm-restart-"));
  const port = await freePort();
  const started = Date.now();
  const npm = spawn("npm", ["start"], {
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: "127.0.0.1", SHUTDOWN_GRACE_SECONDS: "0", NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let log = "";
  npm.stdout.on("data", (d: Buffer) => (log += d.toString()));
  npm.stderr.on("data", (d: Buffer) => (log += d.toString()));
  const exited = new Promise<void>((resolve) => npm.once("exit", () => resolve()));
  try {
    await expect.poll(() => log, { timeout: 60_000 }).toContain("Parley is ready");
    expect(log).toMatch(/Build is up to date \(/);
    expect(log).not.toContain("Creating an optimized production build");
    // A build takes 15–60 s here; a start from a current build takes a few.
    expect(Date.now() - started, log).toBeLessThan(20_000);
  } finally {
    process.kill(-npm.pid!, "SIGINT");
    await exited;
  }
});
