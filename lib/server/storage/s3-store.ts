import "server-only";
import crypto from "node:crypto";
import { Readable } from "node:stream";
import type { ReadableStream as NodeWebStream } from "node:stream/web";
import { AwsClient } from "aws4fetch";
import type { FileStore } from "@/lib/server/storage/file-store";
import { assertStorageKey } from "@/lib/server/storage/file-store";

export interface S3StoreOptions {
  /** Default: AWS's endpoint for `region`. */
  endpoint?: string | undefined;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** `<endpoint>/<bucket>/<key>` instead of `<bucket>.<host>/<key>`. */
  forcePathStyle: boolean;
  /** Until the response's headers arrive (a PUT's upload included). */
  timeoutMs?: number;
}

/** Where one object lives, in path style or virtual-hosted style. */
export function objectUrl(options: Pick<S3StoreOptions, "endpoint" | "bucket" | "region" | "forcePathStyle">, key: string): string {
  const base = new URL(options.endpoint ?? `https://s3.${options.region}.amazonaws.com`);
  const prefix = base.pathname.replace(/\/+$/, "");
  if (options.forcePathStyle) {
    base.pathname = `${prefix}/${options.bucket}/${key}`;
  } else {
    base.hostname = `${options.bucket}.${base.hostname}`;
    base.pathname = `${prefix}/${key}`;
  }
  return base.toString();
}

/** S3's error code from an error response's XML body: `NoSuchKey`, `NoSuchBucket`, `AccessDenied`, … */
async function errorCode(response: Response): Promise<string> {
  const body = await response.text().catch(() => "");
  return /<Code>([^<]{1,100})<\/Code>/.exec(body)?.[1] ?? response.statusText;
}

/**
 * The error to throw for a failed response, or null when it only says the key does not
 * exist (and the caller treats that as an answer). A missing bucket is a setup error,
 * so it never reads as "no such file".
 */
async function failureOf(method: string, key: string, response: Response, missingKeyIsAnswer: boolean): Promise<Error | null> {
  const code = await errorCode(response);
  if (missingKeyIsAnswer && response.status === 404 && code !== "NoSuchBucket") return null;
  return new Error(`S3 ${method} of ${key} failed: ${response.status} ${code}`.trim());
}

/**
 * Objects in one S3-compatible bucket: nothing is cached, so every node that has the same
 * settings sees the same files. Signed with SigV4 by aws4fetch over Node's own fetch.
 */
export function createS3Store(options: S3StoreOptions): FileStore {
  const client = new AwsClient({
    accessKeyId: options.accessKeyId,
    secretAccessKey: options.secretAccessKey,
    service: "s3",
    region: options.region,
    // 5xx and throttling are retried with backoff; aws4fetch's default of 10 would hold a request ~50 s.
    retries: 2,
  });
  const timeoutMs = options.timeoutMs ?? 60_000;

  async function send(method: string, key: string, init: RequestInit = {}): Promise<Response> {
    assertStorageKey(key);
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(new Error(`S3 ${method} of ${key} timed out after ${timeoutMs} ms`)), timeoutMs);
    try {
      return await client.fetch(objectUrl(options, key), { ...init, method, signal: abort.signal });
    } finally {
      clearTimeout(timer);
    }
  }

  async function read(key: string): Promise<Response | null> {
    const response = await send("GET", key);
    if (response.ok) return response;
    const error = await failureOf("GET", key, response, true);
    if (error) throw error;
    return null;
  }

  return {
    async put(key, bytes, contentType) {
      const body = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      const response = await send("PUT", key, {
        body: body as Uint8Array<ArrayBuffer>,
        headers: {
          "content-type": contentType,
          // Signed, so the server refuses bytes that changed on the way.
          "x-amz-content-sha256": crypto.createHash("sha256").update(body).digest("hex"),
        },
      });
      if (!response.ok) throw await failureOf("PUT", key, response, false);
      await response.body?.cancel();
    },

    async get(key) {
      const response = await read(key);
      return response ? Buffer.from(await response.arrayBuffer()) : null;
    },

    async getStream(key) {
      const response = await read(key);
      if (!response) return null;
      return response.body ? Readable.fromWeb(response.body as NodeWebStream<Uint8Array>) : Readable.from([]);
    },

    async delete(key) {
      const response = await send("DELETE", key);
      if (response.ok) {
        await response.body?.cancel();
        return;
      }
      const error = await failureOf("DELETE", key, response, true);
      if (error) throw error;
    },
  };
}
