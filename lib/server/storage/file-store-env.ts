import "server-only";
import { z } from "zod";

/**
 * The file-store part of the env schema (lib/server/env.ts spreads it in). Kept here so the
 * store's settings and the rules between them live beside the drivers that read them.
 */
export const fileStoreEnvShape = {
  /** `local` (a folder, the default: nothing else to run) or `s3` (any S3-compatible bucket). */
  FILE_STORE: z.enum(["local", "s3"], { error: "FILE_STORE must be local or s3" }).default("local"),
  /** The local driver's folder; with several nodes, one shared mount at the same path on each. Default `<DATA_DIR>/files`. */
  FILES_DIR: z.string().min(1).optional(),
  /** Default: AWS's own endpoint for S3_REGION. Set it for MinIO, Garage, R2, Ceph and the like. */
  S3_ENDPOINT: z.url({ protocol: /^https?$/, error: "S3_ENDPOINT must be an http(s) URL like https://s3.example.org" }).optional(),
  S3_BUCKET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, "S3_BUCKET must be a bucket name: 3–63 lowercase letters, digits, dots or dashes")
    .optional(),
  S3_REGION: z
    .string()
    .regex(/^[a-z0-9-]{1,40}$/, "S3_REGION must look like us-east-1 (lowercase letters, digits, dashes)")
    .default("us-east-1"),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  /** `true` for servers that serve buckets as `<endpoint>/<bucket>` rather than `<bucket>.<host>` (most self-hosted ones). */
  S3_FORCE_PATH_STYLE: z.stringbool().default(false),
};

type FileStoreEnvInput = {
  FILE_STORE: "local" | "s3";
  S3_BUCKET?: string | undefined;
  S3_ACCESS_KEY_ID?: string | undefined;
  S3_SECRET_ACCESS_KEY?: string | undefined;
};

const REQUIRED_FOR_S3 = [
  ["S3_BUCKET", "the bucket's name"],
  ["S3_ACCESS_KEY_ID", "the access key's id"],
  ["S3_SECRET_ACCESS_KEY", "the access key's secret"],
] as const;

/** Each setting FILE_STORE=s3 still lacks, with a sentence saying what to set. */
export function missingS3Settings(settings: FileStoreEnvInput): { name: string; message: string }[] {
  if (settings.FILE_STORE !== "s3") return [];
  return REQUIRED_FOR_S3.filter(([name]) => !settings[name]).map(([name, what]) => ({
    name,
    message: `FILE_STORE=s3 needs ${name} (${what}); set it, or use FILE_STORE=local`,
  }));
}

/** For `z.object(...).superRefine`: one issue per missing S3 setting, on that setting's name. */
export function checkFileStoreEnv(settings: FileStoreEnvInput, ctx: z.RefinementCtx): void {
  for (const { name, message } of missingS3Settings(settings)) ctx.addIssue({ code: "custom", path: [name], message });
}
