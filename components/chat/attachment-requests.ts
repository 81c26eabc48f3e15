import { http } from "@/lib/client/http";
import { field, upload } from "@/lib/client/upload";
import type { MessageAttachment } from "@/lib/shared/types";
import type { UploadLimits } from "@/lib/shared/upload-limits";

/** POST /api/uploads: one file, stored until a message claims it. */
export const uploadAttachment = (file: File, onProgress: (percent: number) => void, signal: AbortSignal) =>
  upload("/api/uploads", file, "file", field<MessageAttachment>("attachment"), onProgress, signal);

/** GET /api/uploads, read on every batch of files (an administrator may change the limit): null when it can't be read. */
export async function readUploadLimits(): Promise<UploadLimits | null> {
  const answer = await http<UploadLimits>("/api/uploads");
  return answer.ok && typeof answer.data?.maxBytes === "number" ? answer.data : null;
}
