import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { ChatApp } from "@/components/chat/chat-app";
import { getSessionUser } from "@/lib/server/auth/session";
import { CLIENT_IP_HEADER } from "@/lib/server/client-ip";
import { getAppContext } from "@/lib/server/context";
import { firstHistory } from "@/lib/server/services/first-history";

export default async function ChatPage({ searchParams }: { searchParams: Promise<{ room?: string | string[] }> }) {
  const me = await getSessionUser();
  if (!me) redirect("/login");
  const context = getAppContext();
  const ip = (await headers()).get(CLIENT_IP_HEADER) ?? "unknown";
  const { room } = await searchParams;
  const homeId = context.defaultRoom.id;
  // #general's newest page comes with the HTML, so history shows before any script runs;
  // the socket then catches up from its last message. The sidebar's rooms and another
  // room named in the address bar come over the socket (no #general flashing first).
  const elsewhere = room !== undefined && room !== homeId;
  const [home, history] = await Promise.all([
    context.rooms.summary(homeId),
    elsewhere ? null : firstHistory({ memberships: context.memberships, messages: context.messages, sanctions: context.moderation.sanctions }, me, homeId, ip),
  ]);
  // The sidebar offers "New secret room" only where the console lets this person create one.
  const secret = context.moderation.settings.get().secretRooms;
  const secretRooms = secret.enabled && secret.creatorRoles.includes(me.role);
  return <ChatApp me={me} room={home} history={history} welcome={context.welcomeMessage} secretRooms={secretRooms} />;
}
