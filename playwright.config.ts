import { defineConfig } from "@playwright/test";
import { systemChromium } from "./e2e/browser.mjs";

/** A system Chromium when there is one (Debian's in CI); else Playwright's own. */
export const chromiumLaunch = {
  executablePath: systemChromium(),
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
  ],
};

export default defineConfig({
  testDir: "e2e",
  globalSetup: "./e2e/global-setup.ts",
  globalTeardown: "./e2e/global-teardown.ts",
  // Two cores run a server and two browsers per test; parallel workers only add noise.
  workers: 1,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  retries: 0,
  reporter: [["list"]],
  use: {
    browserName: "chromium",
    launchOptions: chromiumLaunch,
    trace: "retain-on-failure",
  },
});
