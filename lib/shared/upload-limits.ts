/** GET /api/uploads: the signed-in person's limits for attachments. */
export interface UploadLimits {
  /** The largest file, in bytes. */
  maxBytes: number;
  /** What one person may upload per day, in bytes, and how much of it they used today. */
  dailyQuotaBytes: number;
  usedTodayBytes: number;
}

const MB = 1024 * 1024;

/** Sizes in a refusal, as the server writes them: whole MB from 10 MB, one decimal below, KB under 1 MB. */
export function formatMb(bytes: number): string {
  const mb = bytes / MB;
  if (mb >= 10) return `${Math.round(mb)} MB`;
  if (mb >= 1) return `${Math.round(mb * 10) / 10} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** "photo.heic is 40 MB; the limit is 25 MB.": the browser refuses in the server's words (lib/server/services/attachments). */
export function fileTooLarge(name: string, size: number, maxBytes: number): string {
  return `${name} is ${formatMb(size)}; the limit is ${formatMb(maxBytes)}.`;
}

/** The schema's MAX_ATTACHMENTS, without zod (the chat page imports this; see schemas/limits.ts). */
export const MAX_FILES_PER_MESSAGE = 10;

export const TOO_MANY_FILES = `A message can carry at most ${MAX_FILES_PER_MESSAGE} files; send the rest in another message.`;
