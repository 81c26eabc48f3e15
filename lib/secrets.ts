import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/**
 * Returns the contents of `<dataDir>/secrets/<name>`, creating it with `make()` on
 * first use. The value is written to a temporary file and hard-linked into place,
 * so a second process starting at the same moment never reads a half-written
 * secret: the link either wins or fails with EEXIST, and then the other file is whole.
 */
export function readOrCreateSecretFile(dataDir: string, name: string, make: () => string): string {
  const dir = path.join(dataDir, "secrets");
  const file = path.join(dir, name);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (!fs.existsSync(file)) {
    const temp = path.join(dir, `.${name}.${process.pid}.${crypto.randomBytes(4).toString("hex")}.tmp`);
    fs.writeFileSync(temp, make(), { flag: "wx", mode: 0o600 });
    try {
      fs.linkSync(temp, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    } finally {
      fs.rmSync(temp, { force: true });
    }
  }
  return fs.readFileSync(file, "utf8");
}

/** A random secret (base64url), created on first use. */
export function readOrCreateSecret(dataDir: string, name: string, bytes = 32): string {
  return readOrCreateSecretFile(dataDir, name, () => crypto.randomBytes(bytes).toString("base64url")).trim();
}
