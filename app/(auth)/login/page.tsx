import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/auth/login-form";
import { getEndedNotice, getSessionUser } from "@/lib/server/auth/session";
import { sessionEndedSentence } from "@/lib/client/session-end";
import { env } from "@/lib/server/env";

export const metadata: Metadata = { title: "Log in · Parley" };

/**
 * `?reason=idle` (and the other session-end reasons) repeats why the user was logged
 * out; after a kick or ban the moderator's own reason (and the ban's end) is shown.
 */
export default async function LoginPage({ searchParams }: { searchParams: Promise<{ reason?: string | string[] }> }) {
  if (await getSessionUser()) redirect("/");
  const { reason } = await searchParams;
  const notice = (await getEndedNotice()) ?? sessionEndedSentence(typeof reason === "string" ? reason : undefined, env.IDLE_TIMEOUT_MINUTES);
  return <LoginForm notice={notice} />;
}
