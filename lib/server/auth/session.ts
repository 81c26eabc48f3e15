import "server-only";
import { getServerSession } from "next-auth";
import { connection } from "next/server";
import { buildAuthOptions } from "@/lib/server/auth/options";
import { getAppContext } from "@/lib/server/context";
import type { SessionUser } from "@/lib/shared/types";

type SessionShape = { user?: SessionUser; ended?: string; endedNotice?: string } | null;

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

/**
 * For the login page: the moderator's reason (and a ban's end) when a kick or ban
 * ended the visitor's session. Read from the session cookie, which the chat keeps
 * when the server ends a session so that this page can still say why.
 */
export async function getEndedNotice(): Promise<string | null> {
  await connection();
  const session = (await getServerSession(buildAuthOptions(getAppContext()))) as SessionShape;
  return session?.endedNotice ?? null;
}
