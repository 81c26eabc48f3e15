import "server-only";
import { AppError } from "@/lib/shared/errors";
import { signInSchema } from "@/lib/shared/schemas/auth";
import type { LoginGuard } from "@/lib/server/services/moderation/login-guard";
import { tooManyAttempts } from "@/lib/server/services/moderation/login-guard";
import type { SanctionService } from "@/lib/server/services/moderation/sanctions";
import { banSentence } from "@/lib/server/services/moderation/sanctions";
import type { UserService } from "@/lib/server/services/users";
import type { SessionUser } from "@/lib/shared/types";

export const WRONG_CREDENTIALS = "Wrong username or password";

/** What an incomplete form lacks, in a sentence; null when both fields were filled. */
export function missingCredentials(credentials: unknown): string | null {
  const given = (key: string) => {
    const value = (credentials as Record<string, unknown> | null)?.[key];
    return typeof value === "string" && value.trim() !== "";
  };
  const username = given("username");
  const password = given("password");
  if (!username && !password) return "Enter your username and password.";
  if (!username) return "Enter your username.";
  if (!password) return "Enter your password.";
  return null;
}

/**
 * Every check a login goes through, in one place: next-auth's CredentialsProvider
 * and the login form's server action both call it, so neither can skip one.
 * Throws an AppError whose message is the sentence to show.
 */
export function createSignIn(deps: {
  users: Pick<UserService, "verifyCredentials">;
  loginGuard: LoginGuard;
  sanctions: Pick<SanctionService, "ipBanned" | "standing">;
}) {
  const { users, loginGuard, sanctions } = deps;
  return async function signIn(credentials: unknown, ip: string): Promise<SessionUser> {
    // Saying what is missing reveals nothing about any account.
    const missing = missingCredentials(credentials);
    if (missing) throw new AppError("VALIDATION", missing);
    const parsed = signInSchema.safeParse(credentials);
    if (!parsed.success) throw new AppError("VALIDATION", WRONG_CREDENTIALS);
    const { username } = parsed.data;
    const ipBan = await sanctions.ipBanned(ip);
    if (ipBan) throw new AppError("FORBIDDEN", banSentence(ipBan));
    const reservation = await loginGuard.reserve(username, ip);
    if (!reservation.ok) throw new AppError("RATE_LIMITED", tooManyAttempts(reservation.retryAfter));
    const user = await users.verifyCredentials(parsed.data);
    if (!user) {
      const blocked = await loginGuard.retryAfter(username, ip);
      throw new AppError(blocked > 0 ? "RATE_LIMITED" : "UNAUTHENTICATED", blocked > 0 ? tooManyAttempts(blocked) : WRONG_CREDENTIALS);
    }
    await loginGuard.succeeded(username, ip, reservation.ticket);
    // Only someone who knows the password learns about the ban, its reason and end.
    const { ban } = await sanctions.standing(user.id);
    if (ban) throw new AppError("FORBIDDEN", banSentence(ban));
    return user;
  };
}

export type SignIn = ReturnType<typeof createSignIn>;
