import "server-only";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Db } from "@/lib/server/db/client";

export interface SharedSecretOptions {
  /** Makes the value when no node has stored one yet. */
  make: () => string;
  /**
   * Where an older Parley kept this secret (`<dataDir>/secrets/<name>`): its value is
   * moved into the database on first start, so sessions and push subscriptions made
   * before the upgrade stay valid. The file is left in place and read no more.
   */
  legacyFile?: string;
  /** Checks a value found in the legacy file before it is kept (throws a sentence). */
  validate?: (value: string, source: string) => void;
}

const isUniqueViolation = (error: unknown) => (error as { code?: string } | null)?.code === "P2002";

/**
 * The value every node shares for `key`, from the ServerSecret table. When there is none,
 * this node proposes one (the legacy file's, else a new one) with an insert that only
 * the first node wins, then reads back what was stored: two nodes starting at the same
 * moment end with the same value.
 */
export async function sharedSecret(db: Db, key: string, options: SharedSecretOptions): Promise<string> {
  const existing = await db.serverSecret.findUnique({ where: { key } });
  if (existing) return existing.value;
  const legacy = options.legacyFile ? readLegacy(options.legacyFile) : null;
  if (legacy !== null) options.validate?.(legacy, options.legacyFile!);
  try {
    await db.serverSecret.create({ data: { key, value: legacy ?? options.make() } });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error; // another node stored it first
  }
  const stored = await db.serverSecret.findUnique({ where: { key } });
  if (!stored) throw new Error(`The shared secret "${key}" could not be stored in the database.`);
  return stored.value;
}

function readLegacy(file: string): string | null {
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}

/** Where Parley before shared secrets kept generated ones. */
export function legacySecretFile(dataDir: string, name: string): string {
  return path.join(dataDir, "secrets", name);
}

/** The session-signing secret shared by every node (AUTH_SECRET, when set, is used instead). */
export function sharedAuthSecret(db: Db, dataDir: string): Promise<string> {
  return sharedSecret(db, "auth-secret", {
    make: () => crypto.randomBytes(32).toString("base64url"),
    legacyFile: legacySecretFile(dataDir, "auth-secret"),
  });
}
