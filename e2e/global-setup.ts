import { execFileSync } from "node:child_process";

/**
 * The e2e suite runs against the production build, as `npm start` serves it, and builds
 * the same way: only when the sources changed since the last finished build.
 */
export default function globalSetup() {
  if (process.env.PARLEY_E2E_SKIP_BUILD === "1") return;
  execFileSync(process.execPath, ["scripts/build-if-changed.mjs"], {
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
}
