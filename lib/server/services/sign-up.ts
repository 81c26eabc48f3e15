import "server-only";
import { AppError } from "@/lib/shared/errors";
import { parseInput } from "@/lib/shared/schemas/parse";
import { signUpSchema } from "@/lib/shared/schemas/auth";
import type { MembershipService } from "@/lib/server/services/memberships";
import type { RateLimiter } from "@/lib/server/services/rate-limit";
import { retryInSeconds } from "@/lib/server/services/rate-limit";
import type { UserService } from "@/lib/server/services/users";
import type { SessionUser } from "@/lib/shared/types";

/**
 * A new account, as both `/api/signup` and the sign-up form's server action make it:
 * the per-address limit (a console setting) first, then the account and #general.
 */
export function createSignUp(deps: {
  users: Pick<UserService, "signUp">;
  memberships: Pick<MembershipService, "ensureDefaultMembership">;
  limiter: RateLimiter;
  defaultRoomId: string;
}) {
  return async function signUp(raw: unknown, ip: string): Promise<SessionUser> {
    const input = parseInput(signUpSchema, raw);
    const limited = await deps.limiter.limit(ip);
    if (!limited.success)
      throw new AppError("RATE_LIMITED", `Too many new accounts from your network — try again in ${Math.ceil(retryInSeconds(limited) / 60)} min.`);
    const user = await deps.users.signUp(input);
    await deps.memberships.ensureDefaultMembership(user.id, deps.defaultRoomId);
    return user;
  };
}

export type SignUp = ReturnType<typeof createSignUp>;
