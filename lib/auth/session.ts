import { getServerSession } from "next-auth";
import { connection } from "next/server";
import { buildAuthOptions } from "@/lib/auth/options";
import { getAppContext } from "@/lib/context";
import type { SessionUser } from "@/lib/types";

/** The signed-in user for a server component or route handler, or null. */
export async function getSessionUser(): Promise<SessionUser | null> {
  // Per-request by nature: never prerendered at build time.
  await connection();
  const context = getAppContext();
  const session = (await getServerSession(buildAuthOptions(context))) as { user?: SessionUser } | null;
  if (!session?.user?.id) return null;
  return context.users.findById(session.user.id);
}
