import "server-only";
import { NextResponse } from "next/server";
import { AppError, isAppError, toAppError } from "@/lib/shared/errors";
import { getAppContext } from "@/lib/server/context";

/** Maps any failure to the shared error shape; internals are logged, never sent. */
export function errorResponse(error: unknown): NextResponse {
  if (!isAppError(error)) getAppContext().logger.error("request failed", error);
  const appError = toAppError(error);
  return NextResponse.json({ error: appError.toBody() }, { status: appError.status });
}

/**
 * A JSON body, and only with a JSON content type: a cross-site form can send
 * `text/plain` that parses as JSON without a CORS preflight, `application/json` it cannot.
 */
export async function readJson(request: Request): Promise<unknown> {
  const type = request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase() ?? "";
  if (type !== "application/json" && !type.endsWith("+json")) {
    throw new AppError("VALIDATION", "Send the request body as JSON (Content-Type: application/json).");
  }
  try {
    return await request.json();
  } catch {
    throw new AppError("VALIDATION", "The request body must be JSON.");
  }
}
