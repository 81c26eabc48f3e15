import { redirect } from "next/navigation";
import { ChatApp } from "@/components/chat/chat-app";
import { getSessionUser } from "@/lib/auth/session";
import { getAppContext } from "@/lib/context";

export default async function ChatPage() {
  const me = await getSessionUser();
  if (!me) redirect("/login");
  const context = getAppContext();
  const rooms = await context.rooms.listRooms();
  return <ChatApp me={me} room={context.defaultRoom} rooms={rooms} welcome={context.welcomeMessage} />;
}
