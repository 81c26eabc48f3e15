import { immutableWebpResponse } from "@/lib/server/http";
import { getProfileServices } from "@/lib/server/profile-services";
import { isAvatarName } from "@/lib/server/services/avatars";

type RouteContext = { params: Promise<{ name: string }> };

/**
 * Serves a stored avatar. Names are random and never reused (a new upload gets
 * a new name), so the file can be cached forever. Anything but our own name
 * shape is a 404 before the storage is touched.
 */
export async function GET(_request: Request, context: RouteContext) {
  const { name } = await context.params;
  return immutableWebpResponse(async () => (isAvatarName(name) ? await getProfileServices().avatars.read(name) : null), "That avatar does not exist.");
}
