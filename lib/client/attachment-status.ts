import type { TrayFile } from "@/lib/client/attachment-queue";

export const STILL_UPLOADING = "Wait until the files have uploaded, or remove them.";
export const UPLOAD_FAILED = "Retry or remove the files that could not be uploaded.";

/** Why a message with these files can't be sent yet; null when every one has uploaded. */
export function blockerOf(files: readonly TrayFile[]): string | null {
  if (files.some((f) => f.status === "failed")) return UPLOAD_FAILED;
  if (files.some((f) => f.status === "uploading")) return STILL_UPLOADING;
  return null;
}
