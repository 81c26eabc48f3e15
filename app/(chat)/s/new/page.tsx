import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { NewSecretRoom } from "@/components/secret/new-secret-room";
import { getSessionUser } from "@/lib/server/auth/session";

export const metadata: Metadata = { title: "New secret room · Parley", referrer: "no-referrer" };

export default async function NewSecretRoomPage() {
  if (!(await getSessionUser())) redirect("/login");
  return <NewSecretRoom />;
}
