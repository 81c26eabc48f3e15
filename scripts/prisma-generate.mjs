// Runs `prisma generate` without the native schema engine, whose download fails
// offline. Generation never executes that engine; the CLI only checks that the
// file exists, so any executable (Node itself) satisfies it.
// One client per provider: SQLite from prisma/schema.prisma, PostgreSQL from the
// schema derived from it (scripts/provider-schemas.mjs).
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { writeProviderSchemas } from "./provider-schemas.mjs";

const require = createRequire(import.meta.url);
const cli = require.resolve("prisma/build/index.js");
const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1" };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.execPath;

for (const schema of writeProviderSchemas()) {
  const result = spawnSync(process.execPath, [cli, "generate", "--schema", schema], { stdio: "inherit", env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
