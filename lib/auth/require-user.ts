import { getSessionUser } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import type { SessionUser } from "@/lib/types";

/** For route handlers: the signed-in user, or a 401 with a sentence the UI can show. */
export async function requireUser(): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) throw new AppError("UNAUTHENTICATED", "You're signed out. Sign in again to continue.");
  return user;
}
