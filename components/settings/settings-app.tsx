"use client";

import { BackToChat } from "@/components/ui/back-to-chat";
import { useCallback, useEffect, useState } from "react";
import { ConnectionBanner } from "@/components/chat/connection-banner";
import { NotificationsButton } from "@/components/chat/notifications-button";
import { useBlocks } from "@/components/chat/use-blocks";
import { useConnection } from "@/components/chat/use-connection";
import { useLatest } from "@/components/chat/use-socket-event";
import { PushSettings } from "@/components/pwa/push-settings";
import type { MutableRoom } from "@/components/pwa/room-mutes";
import { BlockedUsers } from "@/components/settings/blocked-users";
import { ThemeToggle } from "@/components/ui/theme-toggle";
import type { Requester } from "@/lib/client/request";
import { request } from "@/lib/client/request";
import type { OwnProfile } from "@/lib/shared/schemas/profile";
import type { SessionUser } from "@/lib/shared/types";
import { Button } from "@/components/ui/button";

/**
 * Account settings: blocked users and every notification setting (desktop, push, muted
 * rooms), in one place. Shares the tab's socket with the chat.
 */
export function SettingsApp(props: { me: SessionUser; initialProfile: OwnProfile; rooms: MutableRoom[]; initialMutedRoomIds: string[] }) {
  const { me, rooms, initialMutedRoomIds } = props;
  const [profile, setProfile] = useState(props.initialProfile);
  const conn = useConnection();
  const socketRef = useLatest(conn.socket);
  const ask: Requester = useCallback((event, payload) => request(socketRef.current, event, payload), [socketRef]);
  const { blocked, loadBlocks, unblock } = useBlocks(ask);
  const [loaded, setLoaded] = useState(false);

  useEffect(() => {
    if (conn.generation === 0) return;
    void loadBlocks().then((answer) => setLoaded(answer.ok));
  }, [conn.generation, loadBlocks]);

  const users = [...blocked.values()].sort((a, b) => a.displayName.localeCompare(b.displayName));
  return (
    <div className="flex min-h-dvh flex-col">
      <header className="flex flex-wrap items-center gap-2 border-b border-border px-4 py-2">
        <BackToChat />
        <h1 className="font-semibold">Settings</h1>
        <span className="flex-1" />
        <ThemeToggle />
        <span className="text-sm text-muted-foreground">{me.displayName}</span>
        <Button variant="ghost" size="sm" onClick={conn.logOut}>
          Log out
        </Button>
      </header>
      <ConnectionBanner connection={conn.connection} notice={conn.notice} />
      <main className="mx-auto flex w-full max-w-2xl flex-col gap-8 px-4 py-6">
        <BlockedUsers users={users} loaded={loaded} onUnblock={(username) => unblock([username])} />
        <section aria-labelledby="notifications-heading" className="flex flex-col gap-2">
          <h2 id="notifications-heading" className="text-lg font-semibold">
            Desktop notifications
          </h2>
          <NotificationsButton />
        </section>
        <PushSettings profile={profile} rooms={rooms} initialMutedRoomIds={initialMutedRoomIds} onChange={setProfile} />
      </main>
    </div>
  );
}
