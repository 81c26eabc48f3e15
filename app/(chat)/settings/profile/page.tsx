import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { KeepConnection } from "@/components/chat/keep-connection";
import { ProfileSettings } from "@/components/profile/profile-settings";
import { getSessionUser } from "@/lib/server/auth/session";
import { getAppContext } from "@/lib/server/context";

export const metadata: Metadata = { title: "Your profile · Parley" };

export default async function ProfileSettingsPage() {
  const me = await getSessionUser();
  if (!me) redirect("/login");
  const profile = await getAppContext().profiles.getOwnProfile(me.id);
  return (
    <>
      <KeepConnection />
      <ProfileSettings initialProfile={profile} />
    </>
  );
}
