import type { Metadata } from "next";
import { MessagesPanel } from "@/components/admin/messages/messages-panel";

export const metadata: Metadata = { title: "Messages" };

/** `?username=bob` opens the search for one user's messages (linked from the users table). */
export default async function Page({ searchParams }: { searchParams: Promise<{ username?: string | string[] }> }) {
  const { username } = await searchParams;
  return <MessagesPanel initialUsername={typeof username === "string" ? username : ""} />;
}
