import { getAppContext } from "@/lib/server/context";
import { errorResponse } from "@/lib/server/http";
import { isPreviewImageName } from "@/lib/server/services/link-preview/preview-image";
import { AppError } from "@/lib/shared/errors";

type RouteContext = { params: Promise<{ name: string }> };

/**
 * Serves a link preview's image: Parley's own re-encoded WebP copy, so no reader's
 * browser ever asks the linked site. No access check beyond the name: the image comes
 * from a public page anyone could fetch, and names are random and never reused, so
 * the bytes behind one never change and may be cached forever.
 */
export async function GET(_request: Request, context: RouteContext) {
  const { name } = await context.params;
  try {
    const bytes = isPreviewImageName(name) ? await getAppContext().previewLookup.image(name) : null;
    if (!bytes) throw new AppError("NOT_FOUND", "That preview image does not exist.");
    return new Response(new Uint8Array(bytes), {
      headers: {
        "Content-Type": "image/webp",
        "Content-Length": String(bytes.length),
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "public, max-age=31536000, immutable",
        // Even opened directly, it is an image and nothing else.
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
