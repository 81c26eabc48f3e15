import path from "node:path";
import webpush from "web-push";
import { readOrCreateSecretFile } from "@/lib/secrets";

export interface VapidKeys {
  /** Base64url uncompressed P-256 point: what browsers pass to `pushManager.subscribe`. */
  publicKey: string;
  privateKey: string;
}

/**
 * The server's web push identity, kept in `<dataDir>/secrets/vapid.json` and
 * created on first use. It must never change: every browser subscription is
 * bound to this public key and stops working when it does.
 */
export function readOrCreateVapidKeys(dataDir: string): VapidKeys {
  const text = readOrCreateSecretFile(dataDir, "vapid.json", () => JSON.stringify(webpush.generateVAPIDKeys()));
  return parseKeys(text, path.join(dataDir, "secrets", "vapid.json"));
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
