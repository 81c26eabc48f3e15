import "server-only";
import type { Env } from "@/lib/server/env";
import type { FileStore } from "@/lib/server/storage/file-store";
import { missingS3Settings } from "@/lib/server/storage/file-store-env";
import { createLocalStore } from "@/lib/server/storage/local-store";
import { createS3Store } from "@/lib/server/storage/s3-store";

export type FileStoreSettings = Pick<
  Env,
  "FILE_STORE" | "FILES_DIR" | "S3_ENDPOINT" | "S3_BUCKET" | "S3_REGION" | "S3_ACCESS_KEY_ID" | "S3_SECRET_ACCESS_KEY" | "S3_FORCE_PATH_STYLE"
>;

/**
 * The store the settings name: a folder by default (needs nothing else running), or an
 * S3-compatible bucket that every node shares. Pass the app's parsed `env`.
 */
export function createFileStore(settings: FileStoreSettings): FileStore {
  if (settings.FILE_STORE === "local") return createLocalStore(settings.FILES_DIR);
  const { S3_BUCKET: bucket, S3_ACCESS_KEY_ID: accessKeyId, S3_SECRET_ACCESS_KEY: secretAccessKey } = settings;
  // env.ts refuses these at start; this guards callers that build settings by hand.
  if (!bucket || !accessKeyId || !secretAccessKey)
    throw new Error(
      missingS3Settings(settings)
        .map((m) => m.message)
        .join("; "),
    );
  return createS3Store({
    endpoint: settings.S3_ENDPOINT,
    bucket,
    region: settings.S3_REGION,
    accessKeyId,
    secretAccessKey,
    forcePathStyle: settings.S3_FORCE_PATH_STYLE,
  });
}
