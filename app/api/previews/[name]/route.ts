import { getAppContext } from "@/lib/server/context";
import { immutableWebpResponse } from "@/lib/server/http";
import { isPreviewImageName } from "@/lib/server/services/link-preview/preview-image";

type RouteContext = { params: Promise<{ name: string }> };

/**
 * Serves a link preview's image: Parley's own re-encoded WebP copy, so no reader's
 * browser ever asks the linked site. No access check beyond the name: the image comes
 * from a public page anyone could fetch, and names are random and never reused.
 */
export async function GET(_request: Request, context: RouteContext) {
  const { name } = await context.params;
  return immutableWebpResponse(
    async () => (isPreviewImageName(name) ? await getAppContext().previewLookup.image(name) : null),
    "That preview image does not exist.",
  );
}
