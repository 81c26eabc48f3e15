import type { OwnProfile, PublicProfile } from "@/lib/schemas/profile";

/** What every call here answers: the data, or the server's sentence (and per-field sentences for forms). */
export type ApiResult<T> = { ok: true; data: T } | { ok: false; message: string; fields?: Record<string, string> };

export const OFFLINE_MESSAGE = "Could not reach Parley. Check your connection and try again.";

type ErrorBody = { error?: { message?: unknown; fields?: Record<string, string> } } | null;

/** The server's `{ error: { message, fields } }`, or a sentence for the status when the body has none. */
export function errorFrom(status: number, body: unknown): { ok: false; message: string; fields?: Record<string, string> } {
  const error = (body as ErrorBody)?.error;
  if (error && typeof error.message === "string") return { ok: false, message: error.message, ...(error.fields ? { fields: error.fields } : {}) };
  if (status === 401) return { ok: false, message: "You're signed out. Sign in again to continue." };
  if (status === 413) return { ok: false, message: "That file is too large." };
  return { ok: false, message: "Something went wrong on the server. Please try again." };
}

export async function callApi<T>(url: string, init: { method?: string; body?: unknown; signal?: AbortSignal } = {}): Promise<ApiResult<T>> {
  try {
    const response = await fetch(url, {
      method: init.method ?? "GET",
      credentials: "same-origin",
      ...(init.body === undefined ? {} : { headers: { "Content-Type": "application/json" }, body: JSON.stringify(init.body) }),
      ...(init.signal ? { signal: init.signal } : {}),
    });
    const body: unknown = await response.json().catch(() => null);
    return response.ok ? { ok: true, data: body as T } : errorFrom(response.status, body);
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    return { ok: false, message: OFFLINE_MESSAGE };
  }
}

export type ProfilePatch = { displayName?: string; statusLine?: string; pushEnabled?: boolean };

export async function updateProfile(patch: ProfilePatch): Promise<ApiResult<OwnProfile>> {
  const result = await callApi<{ profile: OwnProfile }>("/api/profile", { method: "PATCH", body: patch });
  return result.ok ? { ok: true, data: result.data.profile } : result;
}

export async function removeAvatar(): Promise<ApiResult<OwnProfile>> {
  const result = await callApi<{ profile: OwnProfile }>("/api/profile/avatar", { method: "DELETE" });
  return result.ok ? { ok: true, data: result.data.profile } : result;
}

export async function fetchPublicProfile(userId: string, signal?: AbortSignal): Promise<ApiResult<PublicProfile>> {
  const result = await callApi<{ profile: PublicProfile }>(`/api/users/${encodeURIComponent(userId)}`, signal ? { signal } : {});
  return result.ok ? { ok: true, data: result.data.profile } : result;
}
