import { getServerSession } from "next-auth";
import { connection } from "next/server";
import { buildAuthOptions } from "@/lib/auth/options";
import { getAppContext } from "@/lib/context";
import type { SessionUser } from "@/lib/types";

type SessionShape = { user?: SessionUser; ended?: string } | null;

/**
 * The signed-in user for a server component or route handler, or null. Loading a
 * page is a user action, so it keeps the session alive.
 */
export async function getSessionUser(): Promise<SessionUser | null> {
  // Per-request by nature: never prerendered at build time.
  await connection();
  const context = getAppContext();
  const session = (await getServerSession(buildAuthOptions(context))) as SessionShape;
  return session?.user?.id ? session.user : null;
}

/** Why the visitor's last session ended, when it did (for the login page's notice). */
export async function getEndedReason(): Promise<string | null> {
  await connection();
  const session = (await getServerSession(buildAuthOptions(getAppContext()))) as SessionShape;
  return session?.ended ?? null;
}
