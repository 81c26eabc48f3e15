import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fileStoreContract } from "@/tests/file-store-contract";
import { S3RVER_KEY, startS3Server } from "@/tests/s3-server";
import { createS3Store, objectUrl } from "./s3-store";

const BUCKET = "parley-test";
let server: Awaited<ReturnType<typeof startS3Server>> = null;
beforeAll(async () => {
  server = await startS3Server(BUCKET);
});
afterAll(async () => {
  await server?.stop();
});

const storeOn = (endpoint: string, overrides: Partial<Parameters<typeof createS3Store>[0]> = {}) =>
  createS3Store({ endpoint, bucket: BUCKET, region: "us-east-1", forcePathStyle: true, ...S3RVER_KEY, ...overrides });

describe("S3 file store against a real S3-compatible server (s3rver)", () => {
  fileStoreContract(async () => (server ? { a: storeOn(server.endpoint), b: storeOn(server.endpoint) } : null));

  it("keeps the bytes in the bucket, not in the process", async (ctx) => {
    if (!server) return ctx.skip();
    await storeOn(server.endpoint).put("inbucket-0001.png", Buffer.from("png!"), "image/png");
    const stored = fs.readdirSync(path.join(server.directory, BUCKET), { recursive: true }).map(String);
    expect(stored.some((name) => name.startsWith("inbucket-0001.png"))).toBe(true);
  });

  it("treats a missing bucket as a setup error, never as a missing file", async (ctx) => {
    if (!server) return ctx.skip();
    const store = storeOn(server.endpoint, { bucket: "no-such-bucket" });
    await expect(store.get("abcdefghij12")).rejects.toThrow(/404 NoSuchBucket/);
    await expect(store.delete("abcdefghij12")).rejects.toThrow(/NoSuchBucket/);
    await expect(store.put("abcdefghij12", Buffer.from("x"), "text/plain")).rejects.toThrow(/NoSuchBucket/);
  });

  it("reports the server's error code when the credentials are refused", async (ctx) => {
    if (!server) return ctx.skip();
    const store = storeOn(server.endpoint, { accessKeyId: "NOT-A-KEY" });
    await expect(store.get("abcdefghij12")).rejects.toThrow(/403 InvalidAccessKeyId/);
  });
});

describe("S3 request signing", () => {
  it("signs for the region and service, and signs the payload's SHA-256", async () => {
    const seen: http.IncomingHttpHeaders[] = [];
    const capture = http.createServer((req, res) => {
      seen.push(req.headers);
      req.resume().on("end", () => res.end());
    });
    await new Promise<void>((resolve) => capture.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = capture.address() as AddressInfo;
      const store = storeOn(`http://127.0.0.1:${port}`, { region: "eu-central-1", accessKeyId: "AKIDEXAMPLE" });
      const bytes = Buffer.from("hello, bucket");
      await store.put("signedkey-01.txt", bytes, "text/plain");
      const [headers] = seen;
      expect(headers?.authorization).toMatch(
        /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-central-1\/s3\/aws4_request, SignedHeaders=[^,]*x-amz-content-sha256[^,]*, Signature=[0-9a-f]{64}$/,
      );
      expect(headers?.["x-amz-content-sha256"]).toBe(crypto.createHash("sha256").update(bytes).digest("hex"));
      expect(headers?.["content-type"]).toBe("text/plain");
    } finally {
      await new Promise((resolve) => capture.close(resolve));
    }
  });
});

describe("S3 object addresses", () => {
  const base = { bucket: "chat-files", region: "eu-west-3" };
  it("uses AWS's regional endpoint, virtual-hosted, by default", () => {
    expect(objectUrl({ ...base, forcePathStyle: false }, "abcdefghij12.webp")).toBe("https://chat-files.s3.eu-west-3.amazonaws.com/abcdefghij12.webp");
  });
  it("puts the bucket in the path when asked, keeping an endpoint's own path", () => {
    expect(objectUrl({ ...base, endpoint: "http://minio.internal:9000/", forcePathStyle: true }, "abcdefghij12")).toBe(
      "http://minio.internal:9000/chat-files/abcdefghij12",
    );
    expect(objectUrl({ ...base, endpoint: "https://gw.example.org/s3", forcePathStyle: true }, "abcdefghij12")).toBe(
      "https://gw.example.org/s3/chat-files/abcdefghij12",
    );
    expect(objectUrl({ ...base, endpoint: "https://storage.example.org", forcePathStyle: false }, "abcdefghij12")).toBe(
      "https://chat-files.storage.example.org/abcdefghij12",
    );
  });
});
