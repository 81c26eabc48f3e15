import "server-only";
import { encode } from "next-auth/jwt";
import { cookies, headers } from "next/headers";
import { isSecureRequest, sessionCookieName } from "@/lib/server/auth/cookies";
import { SESSION_MAX_AGE_SECONDS, sessionClaims } from "@/lib/server/auth/options";
import type { AppContext } from "@/lib/server/context";
import type { SessionUser } from "@/lib/shared/types";

/**
 * Signs the user in from a server action: the same token next-auth's credentials
 * callback would issue (its default claims plus ours), in the cookie it reads.
 */
export async function setSessionCookie(context: AppContext, user: SessionUser): Promise<void> {
  const secure = isSecureRequest(await headers());
  const token = await encode({
    token: { name: user.displayName, ...(await sessionClaims(context, user.id)) },
    secret: context.authSecret,
    maxAge: SESSION_MAX_AGE_SECONDS,
  });
  (await cookies()).set(sessionCookieName(secure), token, { httpOnly: true, sameSite: "lax", path: "/", secure, maxAge: SESSION_MAX_AGE_SECONDS });
}
