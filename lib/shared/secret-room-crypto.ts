/**
 * End-to-end encryption of secret rooms, in the browser (and in Node ≥ 20 for tests):
 * only WebCrypto, never Math.random. The key lives in the link's fragment (`#…`), which
 * browsers never send to a server; Parley's server relays `{ iv, ciphertext }` only.
 *
 * AES-256-GCM with a fresh random 96-bit IV per message. The additional data binds the
 * room id, the sender's alias and (for a whisper) its target, so the server can't replay a
 * message into another room or pass it off as someone else's: that fails to decrypt.
 */

/** A 256-bit key as base64url: 43 characters. */
export const KEY_LENGTH_CHARS = 43;
const IV_BYTES = 12;
const VERSION = "parley-secret-v1";

export interface SecretEnvelope {
  /** base64url of the 12-byte IV (16 characters). */
  iv: string;
  /** base64url of the AES-GCM output (ciphertext and 16-byte tag). */
  ciphertext: string;
}

/** What the ciphertext is bound to; the receiver rebuilds it from what the server says. */
export interface SecretContext {
  roomId: string;
  /** The sender's alias in the room. */
  from: string;
  /** Set for a whisper: the one alias it is for. */
  to?: string;
}

/** Wrong key, a tampered message, or one the server moved to another room or sender. */
export class SecretDecryptError extends Error {
  constructor() {
    super("Couldn't decrypt this message");
    this.name = "SecretDecryptError";
  }
}

/** The key in the link is missing or malformed. */
export class SecretKeyError extends Error {
  constructor() {
    super("This link's key is incomplete: ask for the whole link again.");
    this.name = "SecretKeyError";
  }
}

function subtle(): SubtleCrypto {
  const c = globalThis.crypto;
  if (!c?.subtle) throw new Error("This browser has no WebCrypto: secret rooms need a secure (https) page.");
  return c.subtle;
}

export function toBase64Url(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

const BASE64URL = /^[A-Za-z0-9_-]*$/;

export function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  if (!BASE64URL.test(text) || text.length % 4 === 1) throw new SecretKeyError();
  const padded = text.replace(/-/g, "+").replace(/_/g, "/") + "=".repeat((4 - (text.length % 4)) % 4);
  const binary = atob(padded);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** A new random 256-bit AES-GCM key, extractable so it can go into the link. */
export function generateRoomKey(): Promise<CryptoKey> {
  return subtle().generateKey({ name: "AES-GCM", length: 256 }, true, ["encrypt", "decrypt"]);
}

/** The key as the link's fragment. */
export async function exportRoomKey(key: CryptoKey): Promise<string> {
  return toBase64Url(new Uint8Array(await subtle().exportKey("raw", key)));
}

/** The key from a link's fragment (with or without the leading `#`); throws SecretKeyError. */
export async function importRoomKey(fragment: string): Promise<CryptoKey> {
  const text = fragment.startsWith("#") ? fragment.slice(1) : fragment;
  if (text.length !== KEY_LENGTH_CHARS) throw new SecretKeyError();
  const raw = fromBase64Url(text);
  if (raw.length !== 32) throw new SecretKeyError();
  return subtle().importKey("raw", raw, { name: "AES-GCM" }, false, ["encrypt", "decrypt"]);
}

function additionalData({ roomId, from, to }: SecretContext): Uint8Array<ArrayBuffer> {
  // JSON keeps the fields apart: no alias can be chosen to look like another split.
  return new TextEncoder().encode(JSON.stringify([VERSION, roomId, from, to ?? null]));
}

export async function encryptMessage(key: CryptoKey, plaintext: string, context: SecretContext): Promise<SecretEnvelope> {
  const iv = globalThis.crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const data = new TextEncoder().encode(plaintext);
  const sealed = await subtle().encrypt({ name: "AES-GCM", iv, additionalData: additionalData(context), tagLength: 128 }, key, data);
  return { iv: toBase64Url(iv), ciphertext: toBase64Url(new Uint8Array(sealed)) };
}

/** The plaintext, or SecretDecryptError for a wrong key, tampering or a changed context. */
export async function decryptMessage(key: CryptoKey, envelope: SecretEnvelope, context: SecretContext): Promise<string> {
  try {
    const iv = fromBase64Url(envelope.iv);
    if (iv.length !== IV_BYTES) throw new SecretDecryptError();
    const opened = await subtle().decrypt(
      { name: "AES-GCM", iv, additionalData: additionalData(context), tagLength: 128 },
      key,
      fromBase64Url(envelope.ciphertext),
    );
    return new TextDecoder("utf-8", { fatal: true }).decode(opened);
  } catch {
    throw new SecretDecryptError();
  }
}
