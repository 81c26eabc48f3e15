import { NextResponse } from "next/server";
import { AppError, isAppError, toAppError } from "@/lib/errors";
import { getAppContext } from "@/lib/context";

/** Maps any failure to the shared error shape; internals are logged, never sent. */
export function errorResponse(error: unknown): NextResponse {
  if (!isAppError(error)) getAppContext().logger.error("request failed", error);
  const appError = toAppError(error);
  return NextResponse.json({ error: appError.toBody() }, { status: appError.status });
}

export async function readJson(request: Request): Promise<unknown> {
  try {
    return await request.json();
  } catch {
    throw new AppError("VALIDATION", "The request body must be JSON.");
  }
}
