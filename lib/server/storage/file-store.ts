import "server-only";
import type { Readable } from "node:stream";

/**
 * Where attachment bytes live. Every node may serve any key, so implementations keep
 * nothing in memory between calls: the backing folder or bucket is the only truth.
 */
export interface FileStore {
  put(key: string, bytes: Buffer | Uint8Array, contentType: string): Promise<void>;
  /** The stored bytes, or null when the key was never written or was deleted. */
  get(key: string): Promise<Buffer | null>;
  /** Streams large files instead of buffering them; null when missing. */
  getStream?(key: string): Promise<Readable | null>;
  /** Idempotent: deleting a missing key is not an error. */
  delete(key: string): Promise<void>;
}

/** The only key shape any driver accepts, so a key can never name a path outside the store. */
const KEY = /^[A-Za-z0-9_-]{10,64}(\.[a-z0-9]{1,8})?$/;

export function assertStorageKey(key: string): void {
  if (!KEY.test(key)) throw new Error(`Invalid storage key: ${JSON.stringify(key).slice(0, 80)}`);
}
