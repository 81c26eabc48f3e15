import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/**
 * Returns the secret stored in `<dataDir>/secrets/<name>`, creating it on first use.
 * The value is written to a temporary file and hard-linked into place, so a second
 * process starting at the same moment never reads a half-written secret: the link
 * either wins or fails with EEXIST, and then the other process's file is complete.
 */
export function readOrCreateSecret(dataDir: string, name: string, bytes = 32): string {
  const dir = path.join(dataDir, "secrets");
  const file = path.join(dir, name);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (!fs.existsSync(file)) {
    const temp = path.join(dir, `.${name}.${process.pid}.${crypto.randomBytes(4).toString("hex")}`);
    fs.writeFileSync(temp, crypto.randomBytes(bytes).toString("base64url"), { mode: 0o600 });
    try {
      fs.linkSync(temp, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    } finally {
      fs.rmSync(temp, { force: true });
    }
  }
  return fs.readFileSync(file, "utf8").trim();
}
