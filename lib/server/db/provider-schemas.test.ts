import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { POSTGRES_SCHEMA, SOURCE_SCHEMA, postgresSchema } from "@/scripts/provider-schemas.mjs";

describe("provider schemas", () => {
  it("the committed PostgreSQL schema is derived from prisma/schema.prisma as it is now", () => {
    const derived = postgresSchema(readFileSync(SOURCE_SCHEMA, "utf8"));
    expect(readFileSync(POSTGRES_SCHEMA, "utf8"), "run `node scripts/prisma-generate.mjs` and commit the result").toBe(derived);
    expect(derived).toMatch(/provider = "postgresql"/);
    expect(derived).toMatch(/output\s+= "\.\.\/\.\.\/lib\/generated\/prisma-postgresql"/);
  });
});
