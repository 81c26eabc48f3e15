import "server-only";
import webpush from "web-push";
import type { Db } from "@/lib/server/db/client";
import { legacySecretFile, sharedSecret } from "@/lib/server/secrets";

export interface VapidKeys {
  /** Base64url uncompressed P-256 point: what browsers pass to `pushManager.subscribe`. */
  publicKey: string;
  privateKey: string;
}

/**
 * The server's web push identity, shared by every node through the database (key
 * `vapid-keys`) and created on first start — from `<dataDir>/secrets/vapid.json` when an
 * older Parley made one there. It must never change: every browser subscription is bound
 * to this public key and stops working when it does.
 */
export async function sharedVapidKeys(db: Db, dataDir: string): Promise<VapidKeys> {
  const text = await sharedSecret(db, "vapid-keys", {
    make: () => JSON.stringify(webpush.generateVAPIDKeys()),
    legacyFile: legacySecretFile(dataDir, "vapid.json"),
    validate: (value, source) => void parseKeys(value, source),
  });
  return parseKeys(text, 'The database\'s ServerSecret "vapid-keys"');
}

function parseKeys(text: string, source: string): VapidKeys {
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
    `${source} is damaged. Restore it from a backup, or delete it to make new keys (every browser will then need to turn notifications on again).`,
  );
}
