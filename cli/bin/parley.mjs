#!/usr/bin/env node
// Runs the terminal client from a checkout with the repo's own TypeScript toolchain (tsx),
// which also resolves the `@/…` imports through tsconfig.json.
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { register } from "tsx/esm/api";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
register({ tsconfig: path.join(root, "tsconfig.json") });
await import(pathToFileURL(path.join(root, "cli/main.ts")).href);
