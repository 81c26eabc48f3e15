import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SettingsApp } from "@/components/settings/settings-app";
import { getSessionUser } from "@/lib/server/auth/session";
import { getAppContext } from "@/lib/server/context";

export const metadata: Metadata = { title: "Settings · Parley" };

export default async function SettingsPage() {
  const me = await getSessionUser();
  if (!me) redirect("/login");
  const { profiles, memberships, push } = getAppContext();
  const [profile, rooms, mutedRoomIds] = await Promise.all([profiles.getOwnProfile(me.id), memberships.mine(me.id), push.listMutedRooms(me.id)]);
  // DMs are not listed: a direct message is exactly what push is for.
  const mutable = rooms
    .filter((room) => room.kind !== "dm")
    .map((room) => ({ id: room.id, name: room.name }))
    .sort((a, b) => a.name.localeCompare(b.name));
  return <SettingsApp me={me} initialProfile={profile} rooms={mutable} initialMutedRoomIds={mutedRoomIds} />;
}
