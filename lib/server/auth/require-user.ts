import "server-only";
import { getSessionUser } from "@/lib/server/auth/session";
import { AppError } from "@/lib/shared/errors";
import type { SessionUser } from "@/lib/shared/types";

/** For route handlers: the signed-in user, or a 401 with a sentence the UI can show. */
export async function requireUser(): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) throw new AppError("UNAUTHENTICATED", "You're signed out. Sign in again to continue.");
  return user;
}
