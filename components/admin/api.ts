/** The console's only door to the server: JSON in, `{ ok, data } | { ok: false, error }` out. */
export interface ApiError {
  /** HTTP status; 0 when the server could not be reached. */
  status: number;
  code: string;
  message: string;
  fields?: Record<string, string>;
}

export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: ApiError };

const UNREACHABLE = "Could not reach the server. Check your connection and try again.";

export async function adminFetch<T>(url: string, init: { method?: "GET" | "POST" | "PUT" | "DELETE"; body?: unknown; signal?: AbortSignal } = {}): Promise<ApiResult<T>> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: init.method ?? "GET",
      headers: init.body === undefined ? undefined : { "content-type": "application/json" },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: init.signal,
      cache: "no-store",
    });
  } catch {
    return { ok: false, error: { status: 0, code: init.signal?.aborted ? "ABORTED" : "NETWORK", message: UNREACHABLE } };
  }
  const payload = (await response.json().catch(() => null)) as { error?: Partial<ApiError> } | null;
  if (response.ok) return { ok: true, data: payload as T };
  const error = payload?.error;
  return {
    ok: false,
    error: {
      status: response.status,
      code: error?.code ?? "INTERNAL",
      message: error?.message ?? `The server answered with an error (${response.status}). Try again in a moment.`,
      fields: error?.fields,
    },
  };
}

/** What the person can do about an error, as a sentence (the link for 401 is added by the notice). */
export function nextStep(error: ApiError): string | null {
  if (error.status === 401) return "Log in again to continue.";
  if (error.status === 403) return "Ask an administrator if you need to do this.";
  if (error.status === 429) return "Wait a moment, then try again.";
  if (error.status === 0 || error.status >= 500) return "Try again; if it keeps failing, check that the server is running.";
  return null;
}
