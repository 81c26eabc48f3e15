import { execFileSync } from "node:child_process";

/** The e2e suite runs against the production build, as `npm start` serves it. */
export default function globalSetup() {
  if (process.env.PARLEY_E2E_SKIP_BUILD === "1") return;
  execFileSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], {
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
}
