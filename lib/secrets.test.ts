import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readOrCreateSecret } from "@/lib/secrets";

describe("secrets", () => {
  it("creates a secret once, keeps it private, and returns the same value afterwards", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "parley-secret-"));
    const first = readOrCreateSecret(dir, "auth-secret");
    expect(first).toMatch(/^[\w-]{40,}$/);
    expect(readOrCreateSecret(dir, "auth-secret")).toBe(first);
    expect(fs.statSync(path.join(dir, "secrets", "auth-secret")).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(path.join(dir, "secrets"))).toEqual(["auth-secret"]);
  });
});
