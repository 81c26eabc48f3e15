import crypto from "node:crypto";
import http from "node:http";
import https from "node:https";
import type { AddressInfo } from "node:net";
import net from "node:net";

export interface ReceivedPush {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/**
 * A stand-in for FCM / Mozilla / Apple push on 127.0.0.1: records every request
 * and answers 201, or the status set for a path with `answer()`.
 */
export async function startMockPushService() {
  const received: ReceivedPush[] = [];
  const answers = new Map<string, number>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const path = req.url ?? "/";
      received.push({ path, headers: req.headers, body: Buffer.concat(chunks) });
      res.writeHead(answers.get(path) ?? 201).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    origin,
    received,
    /** A fresh endpoint URL on this server. */
    endpoint: (name = crypto.randomUUID()) => `${origin}/push/${name}`,
    answer: (endpoint: string, status: number) => answers.set(new URL(endpoint).pathname, status),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * web-push always speaks HTTPS (it calls https.request); this agent hands it a
 * plain TCP socket instead of a TLS one, so it can reach the mock above
 * without certificates. Everything above the socket is unchanged.
 */
export class PlainHttpAgent extends https.Agent {
  override createConnection(options: { host?: string; port?: number }): net.Socket {
    return net.connect(options.port ?? 80, options.host ?? "127.0.0.1");
  }
}

/** A browser's side of a subscription: its P-256 key pair and auth secret (RFC 8291). */
export function makeBrowserKeys() {
  const ecdh = crypto.createECDH("prime256v1");
  ecdh.generateKeys();
  const auth = crypto.randomBytes(16);
  return { ecdh, auth, keys: { p256dh: ecdh.getPublicKey().toString("base64url"), auth: auth.toString("base64url") } };
}

/**
 * Decrypts an `aes128gcm` web push body the way a browser does (RFC 8188 +
 * RFC 8291): proves the payload arrives intact, not just that bytes were sent.
 */
export function decryptPush(body: Buffer, browser: ReturnType<typeof makeBrowserKeys>): string {
  const salt = body.subarray(0, 16);
  const recordSize = body.readUInt32BE(16);
  const keyIdLength = body[20]!;
  const serverPublicKey = body.subarray(21, 21 + keyIdLength);
  const record = body.subarray(21 + keyIdLength);
  if (record.length > recordSize) throw new Error("expected a single record");

  const shared = browser.ecdh.computeSecret(serverPublicKey);
  const keyInfo = Buffer.concat([Buffer.from("WebPush: info\0"), browser.ecdh.getPublicKey(), serverPublicKey]);
  const ikm = Buffer.from(crypto.hkdfSync("sha256", shared, browser.auth, keyInfo, 32));
  const cek = Buffer.from(crypto.hkdfSync("sha256", ikm, salt, Buffer.from("Content-Encoding: aes128gcm\0"), 16));
  const nonce = Buffer.from(crypto.hkdfSync("sha256", ikm, salt, Buffer.from("Content-Encoding: nonce\0"), 12));

  const decipher = crypto.createDecipheriv("aes-128-gcm", cek, nonce);
  decipher.setAuthTag(record.subarray(-16));
  const padded = Buffer.concat([decipher.update(record.subarray(0, -16)), decipher.final()]);
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end--;
  if (padded[end] !== 2) throw new Error("missing last-record delimiter");
  return padded.subarray(0, end).toString("utf8");
}

/** Checks the VAPID JWT's ES256 signature against the server's public key; returns its claims. */
export function verifyVapidJwt(authorization: string, publicKey: string): { aud: string; sub: string; exp: number } {
  const match = /^vapid t=([^,]+), k=(.+)$/.exec(authorization);
  if (!match) throw new Error(`not a VAPID header: ${authorization}`);
  const [, token, key] = match as unknown as [string, string, string];
  if (key !== publicKey) throw new Error("signed with another key");
  const [header, claims, signature] = token.split(".") as [string, string, string];
  const point = Buffer.from(publicKey, "base64url");
  const jwk = { kty: "EC", crv: "P-256", x: point.subarray(1, 33).toString("base64url"), y: point.subarray(33).toString("base64url") };
  const ok = crypto.verify(
    "sha256",
    Buffer.from(`${header}.${claims}`),
    { key: crypto.createPublicKey({ key: jwk, format: "jwk" }), dsaEncoding: "ieee-p1363" },
    Buffer.from(signature, "base64url"),
  );
  if (!ok) throw new Error("bad VAPID signature");
  return JSON.parse(Buffer.from(claims, "base64url").toString("utf8"));
}
