import { errorResponse } from "@/lib/server/http";
import { getProfileServices } from "@/lib/server/profile-services";
import { AppError } from "@/lib/shared/errors";
import { isAvatarName } from "@/lib/server/services/avatars";

type RouteContext = { params: Promise<{ name: string }> };

/**
 * Serves a stored avatar. Names are random and never reused (a new upload gets
 * a new name), so the file can be cached forever. Anything but our own name
 * shape is a 404 before the disk is touched.
 */
export async function GET(_request: Request, context: RouteContext) {
  const { name } = await context.params;
  try {
    const bytes = isAvatarName(name) ? await getProfileServices().avatars.read(name) : null;
    if (!bytes) throw new AppError("NOT_FOUND", "That avatar does not exist.");
    return new Response(new Uint8Array(bytes), {
      headers: {
        "Content-Type": "image/webp",
        "Content-Length": String(bytes.length),
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "public, max-age=31536000, immutable",
        // Even opened directly, an avatar is an image and nothing else.
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
