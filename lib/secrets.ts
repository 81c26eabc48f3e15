import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/**
 * Returns the secret stored in `<dataDir>/secrets/<name>`, creating it on first use.
 * Created with O_EXCL so two processes starting at once agree on one value.
 */
export function readOrCreateSecret(dataDir: string, name: string, bytes = 32): string {
  const dir = path.join(dataDir, "secrets");
  const file = path.join(dir, name);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  try {
    fs.writeFileSync(file, crypto.randomBytes(bytes).toString("base64url"), { flag: "wx", mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  return fs.readFileSync(file, "utf8").trim();
}
