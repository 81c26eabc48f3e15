import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SettingsApp } from "@/components/settings/settings-app";
import { getSessionUser } from "@/lib/server/auth/session";

export const metadata: Metadata = { title: "Settings · Parley" };

export default async function SettingsPage() {
  const me = await getSessionUser();
  if (!me) redirect("/login");
  return <SettingsApp me={me} />;
}
