// Finds a Chromium for the e2e suite: CHROMIUM_PATH, a system Chromium/Chrome, or
// Playwright's own (downloaded on first run where the network allows it).
import { spawnSync } from "node:child_process";
import { systemChromium } from "../e2e/browser.mjs";

if (systemChromium()) process.exit(0);
console.log("No system Chromium found; installing Playwright's Chromium (one-time download)…");
const result = spawnSync(process.execPath, ["node_modules/@playwright/test/cli.js", "install", "chromium"], { stdio: "inherit" });
if (result.status !== 0) {
  console.error("Could not get a browser for the end-to-end tests. Install Chromium (e.g. `apt-get install chromium`) or set CHROMIUM_PATH.");
  process.exit(1);
}
