import type { ErrorBody, ErrorCode } from "@/lib/shared/errors";

/**
 * The browser's one HTTP client. Every answer is `{ ok: true, data }` or
 * `{ ok: false, error }`, where `error` is the server's AppError body
 * (`{ error: { code, message, fields? } }`, see lib/server/http.ts) plus the status, or a
 * sentence made here when the server could not be reached (status 0).
 */
export interface HttpError extends ErrorBody {
  /** HTTP status; 0 when the server could not be reached or the request was cancelled. */
  status: number;
}

export type HttpResult<T> = { ok: true; data: T } | { ok: false; error: HttpError };

export const UNREACHABLE = "Could not reach Parley. Check your connection and try again.";
export const CANCELLED = "The request was cancelled.";

const codeByStatus: Record<number, ErrorCode> = {
  400: "VALIDATION",
  401: "UNAUTHENTICATED",
  403: "FORBIDDEN",
  404: "NOT_FOUND",
  409: "CONFLICT",
  413: "VALIDATION",
  429: "RATE_LIMITED",
  503: "UNAVAILABLE",
};

function sentenceFor(status: number): string {
  if (status === 401) return "You're signed out. Log in again to continue.";
  if (status === 413) return "That file is too large.";
  return `The server answered with an error (${status}). Try again in a moment.`;
}

/** The server's AppError body when it sent one; otherwise an error in the same shape with a sentence for the status. */
export function httpErrorFrom(status: number, body: unknown): HttpError {
  const error = (body as { error?: Partial<ErrorBody> } | null)?.error;
  const code = error?.code ?? codeByStatus[status] ?? "INTERNAL";
  const message = typeof error?.message === "string" ? error.message : sentenceFor(status);
  return error?.fields ? { status, code, message, fields: error.fields } : { status, code, message };
}

export async function http<T>(
  url: string,
  init: { method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE"; body?: unknown; signal?: AbortSignal } = {},
): Promise<HttpResult<T>> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: init.method ?? "GET",
      credentials: "same-origin",
      cache: "no-store",
      ...(init.body === undefined ? {} : { headers: { "content-type": "application/json" }, body: JSON.stringify(init.body) }),
      ...(init.signal ? { signal: init.signal } : {}),
    });
  } catch {
    return { ok: false, error: { status: 0, code: "UNAVAILABLE", message: init.signal?.aborted ? CANCELLED : UNREACHABLE } };
  }
  const body: unknown = await response.json().catch(() => null);
  return response.ok ? { ok: true, data: body as T } : { ok: false, error: httpErrorFrom(response.status, body) };
}

/** What the person can do about an error, as a sentence (a "Log in" link for 401 is the caller's to add). */
export function nextStep(error: HttpError): string | null {
  if (error.status === 401) return "Log in again to continue.";
  if (error.status === 403) return "Ask an administrator if you need to do this.";
  if (error.status === 429) return "Wait a moment, then try again.";
  if (error.status === 0 || error.status >= 500) return "Try again; if it keeps failing, check that the server is running.";
  return null;
}
