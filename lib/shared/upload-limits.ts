import { formatBytes } from "@/lib/shared/format-bytes";

/** GET /api/uploads: the signed-in person's limits for attachments. */
export interface UploadLimits {
  /** The largest file, in bytes. */
  maxBytes: number;
  /** What one person may upload per day, in bytes, and how much of it they used today. */
  dailyQuotaBytes: number;
  usedTodayBytes: number;
}

/**
 * "photo.heic is 40 MB; the limit is 25 MB": the browser refuses with the server's sentence.
 * A file just over the limit would read "25 MB; the limit is 25 MB", so it says "over" then.
 */
export function fileTooLarge(name: string, size: number, maxBytes: number): string {
  const shown = formatBytes(size);
  const limit = formatBytes(maxBytes);
  return `${name} is ${shown === limit ? `over ${limit}` : shown}; the limit is ${limit}`;
}

/** The schema's MAX_ATTACHMENTS, without zod (the chat page imports this; see schemas/limits.ts). */
export const MAX_FILES_PER_MESSAGE = 10;

export const TOO_MANY_FILES = `A message can carry at most ${MAX_FILES_PER_MESSAGE} files; send the rest in another message.`;
