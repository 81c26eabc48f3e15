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

/**
 * A WebP stored under a random, never-reused name (avatars, link-preview images): cached
 * forever, and even opened directly an image and nothing else. A missing one is a 404
 * saying `missing`, with `nosniff` too.
 */
export async function immutableWebpResponse(read: () => Promise<Uint8Array | null>, missing: string): Promise<Response> {
  try {
    const bytes = await read();
    if (!bytes) throw new AppError("NOT_FOUND", missing);
    return new Response(new Uint8Array(bytes), {
      headers: {
        "Content-Type": "image/webp",
        "Content-Length": String(bytes.length),
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "public, max-age=31536000, immutable",
        "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'; sandbox",
        "Cross-Origin-Resource-Policy": "same-origin",
      },
    });
  } catch (error) {
    const response = errorResponse(error);
    response.headers.set("X-Content-Type-Options", "nosniff");
    return response;
  }
}
