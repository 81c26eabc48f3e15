import { redirect } from "next/navigation";
import { ChatApp } from "@/components/chat/chat-app";
import { getSessionUser } from "@/lib/server/auth/session";
import { getAppContext } from "@/lib/server/context";

export default async function ChatPage() {
  const me = await getSessionUser();
  if (!me) redirect("/login");
  const context = getAppContext();
  // The sidebar's rooms, unread counts and the room from the address bar come over the socket.
  const home = await context.rooms.summary(context.defaultRoom.id);
  return <ChatApp me={me} room={home} welcome={context.welcomeMessage} />;
}
