import { describe, expect, it } from "vitest";
import {
  decryptMessage,
  encryptMessage,
  exportRoomKey,
  fromBase64Url,
  generateRoomKey,
  importRoomKey,
  KEY_LENGTH_CHARS,
  SecretDecryptError,
  SecretKeyError,
  toBase64Url,
} from "@/lib/shared/secret-room-crypto";

const context = { roomId: "r00m1d", from: "alice" };

describe("secret room keys", () => {
  it("are 256 random bits, as 43 base64url characters that import back", async () => {
    const key = await generateRoomKey();
    expect(key.algorithm).toMatchObject({ name: "AES-GCM", length: 256 });
    const text = await exportRoomKey(key);
    expect(text).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(text).toHaveLength(KEY_LENGTH_CHARS);
    expect(fromBase64Url(text)).toHaveLength(32);
    const again = await importRoomKey(`#${text}`);
    const sealed = await encryptMessage(key, "hi", context);
    expect(await decryptMessage(again, sealed, context)).toBe("hi");
  });

  it("differ every time", async () => {
    const keys = new Set(await Promise.all(Array.from({ length: 50 }, async () => exportRoomKey(await generateRoomKey()))));
    expect(keys.size).toBe(50);
  });

  it("refuse a fragment that is cut short, too long or not base64url", async () => {
    const text = await exportRoomKey(await generateRoomKey());
    for (const bad of [text.slice(0, 40), `${text}A`, `${text.slice(0, 42)}+`, ""]) {
      await expect(importRoomKey(bad)).rejects.toBeInstanceOf(SecretKeyError);
    }
  });

  it("base64url round-trips every byte value", () => {
    const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect([...fromBase64Url(toBase64Url(bytes))]).toEqual([...bytes]);
  });
});

describe("secret room messages", () => {
  it("round-trip text, emoji and markdown; the envelope holds no plaintext", async () => {
    const key = await generateRoomKey();
    const text = "**meet** at 🦊 _noon_ — café";
    const sealed = await encryptMessage(key, text, context);
    expect(Object.keys(sealed).sort()).toEqual(["ciphertext", "iv"]);
    expect(sealed.iv).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(sealed.ciphertext).not.toContain("meet");
    expect(await decryptMessage(key, sealed, context)).toBe(text);
  });

  it("fail with a typed error under the wrong key", async () => {
    const sealed = await encryptMessage(await generateRoomKey(), "secret", context);
    await expect(decryptMessage(await generateRoomKey(), sealed, context)).rejects.toBeInstanceOf(SecretDecryptError);
  });

  it("fail when one bit of the ciphertext or the IV is changed", async () => {
    const key = await generateRoomKey();
    const sealed = await encryptMessage(key, "secret", context);
    const flip = (text: string, at: number) => {
      const bytes = fromBase64Url(text);
      bytes[at] = (bytes[at] ?? 0) ^ 1;
      return toBase64Url(bytes);
    };
    await expect(decryptMessage(key, { ...sealed, ciphertext: flip(sealed.ciphertext, 0) }, context)).rejects.toBeInstanceOf(SecretDecryptError);
    await expect(decryptMessage(key, { ...sealed, ciphertext: flip(sealed.ciphertext, 20) }, context)).rejects.toBeInstanceOf(SecretDecryptError);
    await expect(decryptMessage(key, { ...sealed, iv: flip(sealed.iv, 3) }, context)).rejects.toBeInstanceOf(SecretDecryptError);
    await expect(decryptMessage(key, { iv: "x", ciphertext: "!!" }, context)).rejects.toBeInstanceOf(SecretDecryptError);
  });

  it("fail when the server moves a message to another room, sender or whisper target", async () => {
    const key = await generateRoomKey();
    const sealed = await encryptMessage(key, "secret", { ...context, to: "bob" });
    await expect(decryptMessage(key, sealed, { ...context, to: "bob", roomId: "other" })).rejects.toBeInstanceOf(SecretDecryptError);
    await expect(decryptMessage(key, sealed, { ...context, to: "bob", from: "mallory" })).rejects.toBeInstanceOf(SecretDecryptError);
    await expect(decryptMessage(key, sealed, { ...context, to: "carol" })).rejects.toBeInstanceOf(SecretDecryptError);
    await expect(decryptMessage(key, sealed, context)).rejects.toBeInstanceOf(SecretDecryptError);
    expect(await decryptMessage(key, sealed, { ...context, to: "bob" })).toBe("secret");
  });

  it("use a fresh IV for each of 10,000 messages", async () => {
    const key = await generateRoomKey();
    const ivs = new Set<string>();
    for (let i = 0; i < 10_000; i++) ivs.add((await encryptMessage(key, "same text", context)).iv);
    expect(ivs.size).toBe(10_000);
  });
});
