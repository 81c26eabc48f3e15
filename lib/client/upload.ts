import type { HttpResult } from "@/lib/client/http";
import { CANCELLED, httpErrorFrom, UNREACHABLE } from "@/lib/client/http";

/**
 * POSTs one file as multipart/form-data, the HTTP client's way (same answers and
 * errors as `http`), but with XMLHttpRequest: fetch has no upload progress events.
 * `pick` takes what the caller wants from a 2xx body (null: the body was not what the
 * route promises); `onProgress` gets whole percentages of bytes sent; aborting
 * `signal` cancels the upload and answers CANCELLED.
 */
export function upload<T>(
  url: string,
  file: Blob,
  field: string,
  pick: (body: unknown) => T | null,
  onProgress?: (percent: number) => void,
  signal?: AbortSignal,
): Promise<HttpResult<T>> {
  return new Promise((resolve) => {
    const cancelled = () => resolve({ ok: false, error: { status: 0, code: "UNAVAILABLE", message: CANCELLED } });
    if (signal?.aborted) return cancelled();
    const xhr = new XMLHttpRequest();
    xhr.open("POST", url);
    xhr.responseType = "json";
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress?.(Math.min(100, Math.round((event.loaded / event.total) * 100)));
    };
    xhr.onload = () => {
      const body: unknown = xhr.response;
      const data = xhr.status >= 200 && xhr.status < 300 ? pick(body) : null;
      resolve(data === null ? { ok: false, error: httpErrorFrom(xhr.status, body) } : { ok: true, data });
    };
    xhr.onerror = () => resolve({ ok: false, error: { status: 0, code: "UNAVAILABLE", message: UNREACHABLE } });
    xhr.onabort = cancelled;
    signal?.addEventListener("abort", () => xhr.abort(), { once: true });
    const form = new FormData();
    form.append(field, file, file instanceof File ? file.name : "blob");
    xhr.send(form);
  });
}

/** `pick` for routes that answer `{ [key]: value }`. */
export const field =
  <T>(key: string) =>
  (body: unknown): T | null =>
    body && typeof body === "object" && key in body ? ((body as Record<string, T>)[key] ?? null) : null;
