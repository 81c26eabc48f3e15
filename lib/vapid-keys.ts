import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import webpush from "web-push";

export interface VapidKeys {
  /** Base64url uncompressed P-256 point: what browsers pass to `pushManager.subscribe`. */
  publicKey: string;
  privateKey: string;
}

/**
 * The server's web push identity, kept in `<dataDir>/secrets/vapid.json` and
 * created on first use. It must never change: every browser subscription is
 * bound to this public key and stops working when it does.
 *
 * A complete file is linked into place (link fails if the name exists), so two
 * processes starting at once agree on one pair and nobody reads half a file.
 */
export function readOrCreateVapidKeys(dataDir: string): VapidKeys {
  const dir = path.join(dataDir, "secrets");
  const file = path.join(dir, "vapid.json");
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (!fs.existsSync(file)) {
    const temp = path.join(dir, `.vapid.${process.pid}.${crypto.randomBytes(4).toString("hex")}.tmp`);
    fs.writeFileSync(temp, JSON.stringify(webpush.generateVAPIDKeys()), { flag: "wx", mode: 0o600 });
    try {
      fs.linkSync(temp, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    } finally {
      fs.rmSync(temp, { force: true });
    }
  }
  return parseKeys(fs.readFileSync(file, "utf8"), file);
}

function parseKeys(text: string, file: string): VapidKeys {
  try {
    const { publicKey, privateKey } = JSON.parse(text) as Partial<VapidKeys>;
    if (
      typeof publicKey === "string" &&
      typeof privateKey === "string" &&
      Buffer.from(publicKey, "base64url").length === 65 &&
      Buffer.from(privateKey, "base64url").length === 32
    ) {
      return { publicKey, privateKey };
    }
  } catch {
    // reported below
  }
  throw new Error(
    `${file} is damaged. Restore it from a backup, or delete it to make new keys (every browser will then need to turn notifications on again).`,
  );
}
