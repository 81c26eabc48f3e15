/** Stable machine-readable codes; the message is the sentence a user sees. */
export type ErrorCode = "VALIDATION" | "UNAUTHENTICATED" | "FORBIDDEN" | "NOT_FOUND" | "CONFLICT" | "RATE_LIMITED" | "UNAVAILABLE" | "INTERNAL";

/**
 * The rule clients go by: these codes say "not now" — the same request, repeated
 * unchanged, may succeed later (no answer, server busy or failing, a limit that
 * frees up). Every other code refuses the request itself; repeating it gets the same
 * answer, so a client shows the sentence and offers no retry.
 */
const RETRYABLE: ReadonlySet<ErrorCode> = new Set<ErrorCode>(["UNAVAILABLE", "RATE_LIMITED", "INTERNAL"]);

export function isRetryable(code: ErrorCode): boolean {
  return RETRYABLE.has(code);
}

const statusByCode: Record<ErrorCode, number> = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
  INTERNAL: 500,
};

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  /** Field-level messages for forms: { username: "That username is taken" }. */
  fields?: Record<string, string>;
}

/**
 * Marked with a registry symbol, not checked with instanceof: Next's bundle and
 * server.ts load separate copies of this module in one process.
 */
const APP_ERROR = Symbol.for("parley.AppError");

export class AppError extends Error {
  readonly [APP_ERROR] = true;
  readonly code: ErrorCode;
  readonly fields?: Record<string, string>;

  constructor(code: ErrorCode, message: string, fields?: Record<string, string>) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.fields = fields;
  }

  get status(): number {
    return statusByCode[this.code];
  }

  toBody(): ErrorBody {
    return this.fields ? { code: this.code, message: this.message, fields: this.fields } : { code: this.code, message: this.message };
  }
}

export function isAppError(error: unknown): error is AppError {
  return typeof error === "object" && error !== null && (error as Record<symbol, unknown>)[APP_ERROR] === true;
}

/** Anything that is not an AppError is an internal fault: never leak its text. */
export function toAppError(error: unknown): AppError {
  if (isAppError(error)) return error;
  return new AppError("INTERNAL", "Something went wrong on the server. Please try again.");
}
