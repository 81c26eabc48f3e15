import { NextResponse } from "next/server";
import { requireUser } from "@/lib/server/auth/require-user";
import { errorResponse } from "@/lib/server/http";
import { getProfileServices } from "@/lib/server/profile-services";

type RouteContext = { params: Promise<{ id: string }> };

/** Another user's public profile (for the user card): signed-in users only. */
export async function GET(_request: Request, context: RouteContext) {
  try {
    await requireUser();
    const { id } = await context.params;
    return NextResponse.json({ profile: await getProfileServices().profiles.getPublicProfile(id) });
  } catch (error) {
    return errorResponse(error);
  }
}
