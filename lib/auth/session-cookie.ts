import { encode } from "next-auth/jwt";
import { cookies, headers } from "next/headers";
import { isSecureRequest, sessionCookieName } from "@/lib/auth/cookies";
import { SESSION_MAX_AGE_SECONDS, sessionClaims } from "@/lib/auth/options";
import type { AppContext } from "@/lib/context";
import type { SessionUser } from "@/lib/types";

/**
 * Signs the user in from a server action: the same token next-auth's credentials
 * callback would issue (its default claims plus ours), in the cookie it reads.
 */
export async function setSessionCookie(context: AppContext, user: SessionUser): Promise<void> {
  const secure = isSecureRequest(await headers());
  const token = await encode({ token: { name: user.displayName, ...(await sessionClaims(context, user.id)) }, secret: context.authSecret, maxAge: SESSION_MAX_AGE_SECONDS });
  (await cookies()).set(sessionCookieName(secure), token, { httpOnly: true, sameSite: "lax", path: "/", secure, maxAge: SESSION_MAX_AGE_SECONDS });
}
