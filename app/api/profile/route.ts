import { NextResponse } from "next/server";
import { requireUser } from "@/lib/server/auth/require-user";
import { errorResponse, readJson } from "@/lib/server/http";
import { getProfileServices } from "@/lib/server/profile-services";
import { parseInput } from "@/lib/shared/schemas/parse";
import { updateProfileSchema } from "@/lib/shared/schemas/profile";

/** The signed-in user's own profile, settings included. */
export async function GET() {
  try {
    const user = await requireUser();
    return NextResponse.json({ profile: await getProfileServices().profiles.getOwnProfile(user.id) });
  } catch (error) {
    return errorResponse(error);
  }
}

/** `{ displayName?, statusLine?, pushEnabled? }` → `{ profile }`. */
export async function PATCH(request: Request) {
  try {
    const user = await requireUser();
    const input = parseInput(updateProfileSchema, await readJson(request));
    return NextResponse.json({ profile: await getProfileServices().profiles.updateProfile(user.id, input) });
  } catch (error) {
    return errorResponse(error);
  }
}
