import { requireUser } from "@/lib/server/auth/require-user";
import { getAppContext } from "@/lib/server/context";
import { errorResponse } from "@/lib/server/http";
import { fileResponse } from "@/lib/server/services/attachments/http";

type RouteContext = { params: Promise<{ id: string }> };

/** An attachment's bytes (`?thumb=1`: its thumbnail) for someone who may read its message; 404 otherwise. */
export async function GET(request: Request, context: RouteContext) {
  try {
    const user = await requireUser();
    const { id } = await context.params;
    return await fileResponse(getAppContext().attachments, user.id, id, request);
  } catch (error) {
    const response = errorResponse(error);
    response.headers.set("X-Content-Type-Options", "nosniff");
    return response;
  }
}
