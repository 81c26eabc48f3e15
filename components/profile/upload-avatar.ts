import type { HttpResult } from "@/lib/client/http";
import { field, upload } from "@/lib/client/upload";
import type { OwnProfile } from "@/lib/shared/schemas/profile";

/** POST /api/profile/avatar, with upload progress (whole percentages of bytes sent). */
export function uploadAvatar(file: File, onProgress: (percent: number) => void, signal?: AbortSignal): Promise<HttpResult<OwnProfile>> {
  return upload("/api/profile/avatar", file, "file", field<OwnProfile>("profile"), onProgress, signal);
}
