import type { OwnProfile } from "@/lib/shared/schemas/profile";
import type { HttpResult } from "@/lib/client/http";
import { CANCELLED, httpErrorFrom, UNREACHABLE } from "@/lib/client/http";

/**
 * POST /api/profile/avatar with XMLHttpRequest rather than fetch: fetch has no
 * upload progress events. `onProgress` gets whole percentages of bytes sent.
 */
export function uploadAvatar(file: File, onProgress: (percent: number) => void, signal?: AbortSignal): Promise<HttpResult<OwnProfile>> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/profile/avatar");
    xhr.responseType = "json";
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(Math.min(100, Math.round((event.loaded / event.total) * 100)));
    };
    xhr.onload = () => {
      const body: unknown = xhr.response;
      if (xhr.status >= 200 && xhr.status < 300 && body && typeof body === "object" && "profile" in body) {
        resolve({ ok: true, data: (body as { profile: OwnProfile }).profile });
      } else {
        resolve({ ok: false, error: httpErrorFrom(xhr.status, body) });
      }
    };
    xhr.onerror = () => resolve({ ok: false, error: { status: 0, code: "UNAVAILABLE", message: UNREACHABLE } });
    xhr.onabort = () => resolve({ ok: false, error: { status: 0, code: "UNAVAILABLE", message: CANCELLED } });
    signal?.addEventListener("abort", () => xhr.abort(), { once: true });
    const form = new FormData();
    form.append("file", file);
    xhr.send(form);
  });
}
