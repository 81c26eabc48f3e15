import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadEnv } from "@/lib/server/env";
import { S3RVER_KEY, startS3Server } from "@/tests/s3-server";
import { createFileStore } from "./create-store";

const BUCKET = "parley-factory";
let server: Awaited<ReturnType<typeof startS3Server>> = null;
let dataDir: string;
beforeAll(async () => {
  server = await startS3Server(BUCKET);
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "parley-factory-"));
});
afterAll(async () => {
  await server?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("file store settings", () => {
  it("default to a local folder under DATA_DIR, needing nothing else", () => {
    const env = loadEnv({ DATA_DIR: dataDir });
    expect(env.FILE_STORE).toBe("local");
    expect(env.FILES_DIR).toBe(path.join(dataDir, "files"));
  });

  it("take FILES_DIR (resolved to an absolute path) for a folder shared by several nodes", () => {
    expect(loadEnv({ DATA_DIR: dataDir, FILES_DIR: "shared/files" }).FILES_DIR).toBe(path.resolve("shared/files"));
  });

  it("refuse FILE_STORE=s3 without its settings, naming each missing variable", () => {
    expect(() => loadEnv({ FILE_STORE: "s3" })).toThrow(
      /S3_BUCKET: FILE_STORE=s3 needs S3_BUCKET[^\n]*\n\s+S3_ACCESS_KEY_ID: FILE_STORE=s3 needs S3_ACCESS_KEY_ID[^\n]*\n\s+S3_SECRET_ACCESS_KEY: /,
    );
    expect(() => loadEnv({ FILE_STORE: "s3", S3_BUCKET: "chat-files", S3_ACCESS_KEY_ID: "id" })).toThrow(
      /^Invalid configuration:\n {2}S3_SECRET_ACCESS_KEY: FILE_STORE=s3 needs S3_SECRET_ACCESS_KEY \(the access key's secret\); set it, or use FILE_STORE=local$/,
    );
  });

  it("refuse malformed values with a sentence", () => {
    expect(() => loadEnv({ FILE_STORE: "ftp" })).toThrow(/FILE_STORE: FILE_STORE must be local or s3/);
    expect(() => loadEnv({ S3_BUCKET: "Not_A_Bucket" })).toThrow(/S3_BUCKET: S3_BUCKET must be a bucket name/);
    expect(() => loadEnv({ S3_ENDPOINT: "minio:9000" })).toThrow(/S3_ENDPOINT: S3_ENDPOINT must be an http\(s\) URL/);
  });

  it("parse a complete S3 setup", () => {
    const env = loadEnv({
      FILE_STORE: "s3",
      S3_ENDPOINT: "http://minio.internal:9000",
      S3_BUCKET: "chat-files",
      S3_REGION: "eu-west-3",
      S3_ACCESS_KEY_ID: "id",
      S3_SECRET_ACCESS_KEY: "secret",
      S3_FORCE_PATH_STYLE: "true",
    });
    expect(env).toMatchObject({ FILE_STORE: "s3", S3_BUCKET: "chat-files", S3_REGION: "eu-west-3", S3_FORCE_PATH_STYLE: true });
    expect(loadEnv({}).S3_FORCE_PATH_STYLE).toBe(false);
  });
});

describe("createFileStore", () => {
  it("stores in FILES_DIR for FILE_STORE=local", async () => {
    const env = loadEnv({ DATA_DIR: dataDir });
    await createFileStore(env).put("factorykey-01.webp", Buffer.from("local"), "image/webp");
    expect(fs.readFileSync(path.join(dataDir, "files", "factorykey-01.webp"), "utf8")).toBe("local");
  });

  it("stores in the bucket for FILE_STORE=s3, and a second node reads it", async (ctx) => {
    if (!server) return ctx.skip();
    const settings = {
      DATA_DIR: dataDir,
      FILE_STORE: "s3",
      S3_ENDPOINT: server.endpoint,
      S3_BUCKET: BUCKET,
      S3_ACCESS_KEY_ID: S3RVER_KEY.accessKeyId,
      S3_SECRET_ACCESS_KEY: S3RVER_KEY.secretAccessKey,
      S3_FORCE_PATH_STYLE: "true",
    };
    await createFileStore(loadEnv(settings)).put("factorykey-02.webp", Buffer.from("bucket"), "image/webp");
    expect(await createFileStore(loadEnv(settings)).get("factorykey-02.webp")).toEqual(Buffer.from("bucket"));
    expect(fs.existsSync(path.join(dataDir, "files", "factorykey-02.webp"))).toBe(false);
  });

  it("refuses S3 settings built by hand without the credentials", () => {
    const env = loadEnv({ DATA_DIR: dataDir });
    expect(() => createFileStore({ ...env, FILE_STORE: "s3", S3_BUCKET: "chat-files" })).toThrow(/needs S3_ACCESS_KEY_ID/);
  });
});
