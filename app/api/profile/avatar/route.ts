import { NextResponse } from "next/server";
import { requireUser } from "@/lib/server/auth/require-user";
import { AppError } from "@/lib/shared/errors";
import { errorResponse } from "@/lib/server/http";
import { getProfileServices } from "@/lib/server/profile-services";
import { AVATAR_MAX_BYTES } from "@/lib/shared/schemas/profile";
import { AVATAR_ERRORS, avatarTooOften } from "@/lib/server/services/avatars";
import { retryInSeconds } from "@/lib/server/services/rate-limit";
import { readUploadedFile } from "@/lib/server/upload";

/**
 * multipart/form-data with the image in `file` → `{ profile }`. The file name
 * and the browser's type are ignored: the service reads the bytes. The per-user
 * limit is checked before the body is read, so a refused upload costs nothing.
 */
export async function POST(request: Request) {
  try {
    const user = await requireUser();
    const services = getProfileServices();
    const limited = await services.avatarUploads.limit(user.id);
    if (!limited.success) throw new AppError("RATE_LIMITED", avatarTooOften(Math.ceil(retryInSeconds(limited) / 60)));
    const file = await readUploadedFile(request, {
      field: "file",
      maxBytes: AVATAR_MAX_BYTES,
      tooLarge: AVATAR_ERRORS.size,
      missing: AVATAR_ERRORS.empty,
    });
    return NextResponse.json({ profile: await services.profiles.setAvatar(user.id, file) });
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
