"use client";

import { signOut } from "next-auth/react";
import { useCallback, useMemo, useState } from "react";
import { Composer } from "@/components/chat/composer";
import { ConnectionBanner } from "@/components/chat/connection-banner";
import { Drawer } from "@/components/chat/drawer";
import { MessageList } from "@/components/chat/message-list";
import { OnlineList } from "@/components/chat/online-list";
import { RoomList } from "@/components/chat/room-list";
import { TypingIndicator } from "@/components/chat/typing-indicator";
import { useChat } from "@/components/chat/use-chat";
import { ThemeToggle } from "@/components/ui/theme-toggle";
import type { RoomSummary, SessionUser } from "@/lib/types";

export function ChatApp({ me, room, rooms, welcome }: { me: SessionUser; room: RoomSummary; rooms: RoomSummary[]; welcome: string }) {
  const chat = useChat(me, room);
  const [drawer, setDrawer] = useState<"rooms" | "online" | null>(null);
  const closeDrawer = useCallback(() => setDrawer(null), []);
  const onlineUsers = useMemo(() => [...chat.online.values()].sort((a, b) => a.displayName.localeCompare(b.displayName)), [chat.online]);
  const typingUsers = useMemo(() => [...chat.typing.values()].map((t) => t.user), [chat.typing]);

  return (
    <div className="flex h-dvh flex-col">
      <header className="flex items-center gap-2 border-b border-zinc-200 px-2 py-2 sm:px-4 dark:border-zinc-800">
        <button type="button" className="rounded-md px-2 py-1 text-sm hover:bg-zinc-200 md:hidden dark:hover:bg-zinc-800" onClick={() => setDrawer("rooms")} aria-label="Open rooms">
          ☰ Rooms
        </button>
        <p className="font-bold">Parley</p>
        <h1 className="min-w-0 truncate text-zinc-600 dark:text-zinc-300"># {room.name}</h1>
        <span className="flex-1" />
        <button type="button" className="rounded-md px-2 py-1 text-sm hover:bg-zinc-200 md:hidden dark:hover:bg-zinc-800" onClick={() => setDrawer("online")} aria-label={`Open online users (${onlineUsers.length} online)`}>
          {onlineUsers.length} online
        </button>
        <ThemeToggle />
        <span className="hidden text-sm text-zinc-600 sm:inline dark:text-zinc-300">{me.displayName}</span>
        <button type="button" onClick={() => void signOut({ callbackUrl: "/login" })} className="rounded-md px-2 py-1 text-sm hover:bg-zinc-200 dark:hover:bg-zinc-800">
          Log out
        </button>
      </header>
      <ConnectionBanner connection={chat.connection} notice={chat.notice} />
      <div className="flex min-h-0 flex-1">
        <Drawer side="left" label="Rooms" open={drawer === "rooms"} onClose={closeDrawer}>
          <RoomList rooms={rooms} activeId={room.id} />
        </Drawer>
        <main className="flex min-w-0 flex-1 flex-col" data-room-id={room.id}>
          <MessageList
            items={chat.state.items}
            welcome={welcome}
            hasMore={chat.state.hasMore}
            loadingOlder={chat.loadingOlder}
            onLoadOlder={chat.loadOlder}
            onRetry={chat.retry}
          />
          <TypingIndicator users={typingUsers} />
          <Composer roomName={room.name} onSend={chat.send} onTyping={chat.setTypingActive} />
        </main>
        <Drawer side="right" label="Online users" open={drawer === "online"} onClose={closeDrawer}>
          <OnlineList users={onlineUsers} meId={me.id} />
        </Drawer>
      </div>
    </div>
  );
}
