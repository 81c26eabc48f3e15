// prisma/schema.prisma is the one model source (SQLite, the embedded default).
// Prisma allows one provider per schema, so the PostgreSQL schema is derived from it:
// same models, provider swapped, its own generated client. `prisma-generate.mjs`
// rewrites it before every generate; a test fails when the committed copy is stale.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
export const SOURCE_SCHEMA = path.join(root, "prisma", "schema.prisma");
export const POSTGRES_SCHEMA = path.join(root, "prisma", "postgresql", "schema.prisma");

const HEADER = `// GENERATED from prisma/schema.prisma by scripts/provider-schemas.mjs: edit that file,
// then run \`node scripts/prisma-generate.mjs\` (or \`npm run db:diff -- <name>\`).
`;

/** The PostgreSQL schema text for a given source schema text. */
export function postgresSchema(source) {
  const swapped = source
    .replace(/(datasource\s+db\s*\{[^}]*provider\s*=\s*)"sqlite"/, '$1"postgresql"')
    // One directory deeper, and a client of its own.
    .replace(/(generator\s+client\s*\{[^}]*output\s*=\s*)"\.\.\/lib\/generated\/prisma"/, '$1"../../lib/generated/prisma-postgresql"');
  if (!swapped.includes('provider = "postgresql"') || !swapped.includes("prisma-postgresql")) {
    throw new Error("provider-schemas: prisma/schema.prisma no longer has the expected datasource/generator blocks");
  }
  return HEADER + swapped;
}

export function writeProviderSchemas() {
  writeFileSync(POSTGRES_SCHEMA, postgresSchema(readFileSync(SOURCE_SCHEMA, "utf8")));
  return [SOURCE_SCHEMA, POSTGRES_SCHEMA];
}

if (import.meta.url === `file://${process.argv[1]}`) writeProviderSchemas();
