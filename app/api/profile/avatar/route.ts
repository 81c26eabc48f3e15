import { NextResponse } from "next/server";
import { requireUser } from "@/lib/auth/require-user";
import { errorResponse } from "@/lib/http";
import { getProfileServices } from "@/lib/profile-services";
import { AVATAR_MAX_BYTES } from "@/lib/schemas/profile";
import { AVATAR_ERRORS } from "@/lib/services/avatars";
import { readUploadedFile } from "@/lib/upload";

/**
 * multipart/form-data with the image in `file` → `{ profile }`. The file name
 * and the browser's type are ignored: the service reads the bytes.
 */
export async function POST(request: Request) {
  try {
    const user = await requireUser();
    const file = await readUploadedFile(request, {
      field: "file",
      maxBytes: AVATAR_MAX_BYTES,
      tooLarge: AVATAR_ERRORS.size,
      missing: AVATAR_ERRORS.empty,
    });
    return NextResponse.json({ profile: await getProfileServices().profiles.setAvatar(user.id, file) });
  } catch (error) {
    return errorResponse(error);
  }
}

/** Back to the initials fallback → `{ profile }`. */
export async function DELETE() {
  try {
    const user = await requireUser();
    return NextResponse.json({ profile: await getProfileServices().profiles.removeAvatar(user.id) });
  } catch (error) {
    return errorResponse(error);
  }
}
