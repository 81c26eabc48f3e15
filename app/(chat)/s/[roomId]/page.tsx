import type { Metadata } from "next";
import { SecretRoom } from "@/components/secret/secret-room";
import { getSessionUser } from "@/lib/server/auth/session";

export const metadata: Metadata = { title: "Secret room · Parley", referrer: "no-referrer" };

/**
 * Signed out, the page says so instead of redirecting: the login page would send the
 * person back without the link's fragment, and with it the key.
 */
export default async function SecretRoomPage({ params }: { params: Promise<{ roomId: string }> }) {
  const me = await getSessionUser();
  const { roomId } = await params;
  if (!me)
    return (
      <main className="mx-auto flex max-w-xl flex-col gap-3 px-4 py-10">
        <h1 className="text-lg font-semibold">Secret room</h1>
        <p>
          <a href="/login" className="underline">
            Log in
          </a>
          , then open this link again.
        </p>
      </main>
    );
  return <SecretRoom roomId={roomId} displayName={me.displayName} />;
}
