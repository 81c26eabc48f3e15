import { redirect } from "next/navigation";
import { ChatApp } from "@/components/chat/chat-app";
import { getSessionUser } from "@/lib/auth/session";
import { getAppContext } from "@/lib/context";

export default async function ChatPage() {
  const me = await getSessionUser();
  if (!me) redirect("/login");
  const context = getAppContext();
  const room = await context.rooms.summary(context.defaultRoom.id);
  return <ChatApp me={me} room={room} rooms={[room]} welcome={context.welcomeMessage} />;
}
