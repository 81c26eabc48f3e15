"use client";

import { Suspense, useCallback, useMemo, useRef, useState } from "react";
import type { DialogState } from "@/components/chat/chat-dialogs";
import { ChatHeader } from "@/components/chat/chat-header";
import { commandRuntime } from "@/components/chat/command-runtime";
import type { ComposeMode } from "@/components/chat/composer";
import { Composer } from "@/components/chat/composer";
import { ConnectionBanner } from "@/components/chat/connection-banner";
import { Drawer, drawerSheet } from "@/components/chat/drawer";
import type { ScrollSpot } from "@/components/chat/message-list";
import { MessageList } from "@/components/chat/message-list";
import { preloadMarkdown } from "@/components/chat/message-body";
import { emojiPicker } from "@/components/chat/reactions";
import { preloadMentions } from "@/components/chat/mention-runtime";
import { OnlineList } from "@/components/chat/online-list";
import { ProfileOverridesProvider, useProfileOverrides } from "@/components/chat/profile-overrides";
import { useSocketEvent } from "@/components/chat/use-socket-event";
import { notify } from "@/components/chat/toasts";
import { reportDialog } from "@/components/chat/report-button";
import { TypingIndicator } from "@/components/chat/typing-indicator";
import { useChat } from "@/components/chat/use-chat";
import { useMessageActions } from "@/components/chat/use-message-actions";
import { RoomSidebar } from "@/components/rooms/room-sidebar";
import { attachmentLightbox } from "@/components/chat/message-attachments";
import { attachmentRuntime } from "@/components/chat/use-attachments";
import { lazyComponent, useHydrated, usePreloadWhenIdle } from "@/components/ui/lazy";
import { activeStream, conversationTitle, sidebarSections } from "@/lib/client/chat-store";
import type { FirstHistory } from "@/lib/server/services/first-history";
import type { SearchHit } from "@/lib/server/services/search";
import type { ChatMessage, PublicUser, RoomSummary, SessionUser } from "@/lib/shared/types";

// Dialogs and toasts are not part of the first paint: their code (Radix Dialog, sonner) loads
// after the page, the toaster once hydrated and the dialogs, drawers and the phone menu when the
// page is idle, so the first open does not wait. Keeps first-load JS in budget (bench/web.ts).
const chatDialogs = lazyComponent(() => import("@/components/chat/chat-dialogs").then((m) => m.ChatDialogs));
const toaster = lazyComponent(() => import("@/components/chat/toaster").then((m) => m.Toaster));
// Renders nothing on the server or before hydration (the permission is per browser): no first-load code.
const deleteDialog = lazyComponent(() => import("@/components/chat/delete-message-dialog").then((m) => m.DeleteMessageDialog));
/** Search results: Radix Dialog and the result list load on the first search (or when idle). */
const searchPanel = lazyComponent(() => import("@/components/chat/search-panel").then((m) => m.SearchPanel));
const notificationsButton = lazyComponent(() => import("@/components/chat/notifications-button").then((m) => m.NotificationsButton));

export function ChatApp({
  me: initialMe,
  room,
  history = null,
  welcome,
  secretRooms = true,
}: {
  me: SessionUser;
  room: RoomSummary;
  history?: FirstHistory | null;
  /** Whether this person may create secret rooms (the console's setting): the sidebar offers it only then. */
  secretRooms?: boolean;
  welcome: string;
}) {
  const [search, setSearch] = useState<{ query: string; nonce: number } | null>(null);
  const openSearch = useCallback((query: string) => setSearch({ query, nonce: Date.now() }), []);
  const chat = useChat(initialMe, room, history, openSearch);
  const { me, rooms, active, isHome, people, conn } = chat;
  const { store } = rooms;
  const [drawer, setDrawer] = useState<"rooms" | "online" | null>(null);
  const [dialog, setDialog] = useState<DialogState>(null);
  // Each room keeps its draft and scroll position while the user is elsewhere.
  const drafts = useRef(new Map<string, string>());
  const spots = useRef(new Map<string, ScrollSpot>());
  const closeDrawer = useCallback(() => setDrawer(null), []);
  const closeDialog = useCallback(() => setDialog(null), []);
  const showUser = useCallback((user: PublicUser) => setDialog({ type: "user", user }), []);
  const overrides = useProfileOverrides(conn.socket);
  const hydrated = useHydrated();
  usePreloadWhenIdle(
    chatDialogs.preload,
    drawerSheet.preload,
    reportDialog.preload,
    commandRuntime.preload,
    deleteDialog.preload,
    preloadMarkdown,
    emojiPicker.preload,
    preloadMentions,
    attachmentLightbox.preload,
    searchPanel.preload,
    attachmentRuntime.preload,
  );
  useSocketEvent(conn.socket, "moderation:notice", ({ message }) => notify(message));
  const activeId = store.activeId;
  // Replying to or editing a message belongs to the room it was started in.
  const [composeIn, setCompose] = useState<{ roomId: string; value: ComposeMode } | null>(null);
  const compose = composeIn?.roomId === activeId ? composeIn.value : null;
  const [deleting, setDeleting] = useState<ChatMessage | null>(null);
  const [jumpTo, setJumpTo] = useState<{ messageId: number; nonce: number } | null>(null);
  const { report, saveEdit, confirmDelete, react, removePreview } = useMessageActions(rooms, me.id);
  const jump = useCallback(
    async (messageId: number) => {
      if (await rooms.loadUntil(messageId)) setJumpTo({ messageId, nonce: Date.now() });
      else notify("That message is no longer in this conversation's history.");
    },
    [rooms],
  );
  /** "Jump to" from search: the room opens at the message, with history around it, highlighted and focused. */
  const openHit = useCallback(
    async (hit: SearchHit) => {
      setSearch(null);
      const { roomId, id } = hit.message;
      if (await rooms.jumpTo(roomId, id)) setJumpTo({ messageId: id, nonce: Date.now() });
      else notify("That message can't be shown: it may have been removed, or you are no longer in that conversation.");
    },
    [rooms],
  );
  const roomTitle = (roomId: string, fallback: string) => {
    const found = store.rooms[roomId];
    return found ? conversationTitle(found, me.id) : fallback;
  };
  const mentionable = useMemo(
    () => [
      ...people.online.map((u) => ({ ...u, online: true, isOwner: !!u.isOwner })),
      ...people.offline.map((u) => ({ ...u, online: false, isOwner: !!u.isOwner })),
    ],
    [people],
  );
  const stored = activeStream(store).items;
  /** ↑ in an empty composer: the newest message of yours that can still be edited. */
  const editLast = () => {
    for (let i = stored.length - 1; i >= 0; i--) {
      const item = stored[i];
      if (item?.kind === "message" && item.message.author.id === me.id && !item.message.removed) {
        setCompose({ roomId: activeId, value: { mode: "edit", message: item.message } });
        return true;
      }
    }
    return false;
  };
  const saveSpot = useCallback((spot: ScrollSpot) => spots.current.set(activeId, spot), [activeId]);
  const stream = activeStream(store);
  const title = active ? conversationTitle(active, me.id) : "# general";
  const label = active?.kind === "dm" ? `Message ${title}` : `Message #${active?.name ?? room.name}`;
  const sections = sidebarSections(store);
  const open = (roomId: string) => {
    setDrawer(null);
    void rooms.activate(roomId);
  };

  return (
    <ProfileOverridesProvider value={overrides}>
      <div className="flex h-dvh flex-col">
        {/* The first Tab stop: past the header and the room list, straight to writing. */}
        <a
          href="#composer"
          className="sr-only focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50 focus:rounded-md focus:bg-background focus:px-3 focus:py-2 focus:shadow-md"
        >
          Skip to message composer
        </a>
        <ChatHeader
          me={me}
          room={active}
          title={title}
          onlineCount={people.online.length}
          canManage={!!active && active.kind !== "dm" && (active.ownerId === me.id || me.role !== "user")}
          canLeave={!!active && active.kind !== "dm" && !isHome}
          onOpenRooms={() => setDrawer("rooms")}
          onOpenMembers={() => setDrawer("online")}
          onSettings={() => setDialog({ type: "settings" })}
          onLeave={() => active && void chat.actions.leave(active.id).then((o) => (o.ok ? undefined : rooms.print(o.error, "error")))}
          onLogOut={conn.logOut}
          onSearch={openSearch}
        />
        <ConnectionBanner connection={conn.connection} notice={conn.notice} refusal={conn.refusal} />
        <div className="flex min-h-0 flex-1">
          <Drawer side="left" label="Rooms" open={drawer === "rooms"} onClose={closeDrawer}>
            <RoomSidebar
              secretRooms={secretRooms}
              rooms={sections.rooms}
              dms={sections.dms}
              activeId={activeId}
              homeId={store.homeId}
              meId={me.id}
              onOpen={open}
              onBrowse={() => setDialog({ type: "browse" })}
              onCreate={() => setDialog({ type: "create" })}
              footer={
                hydrated ? (
                  <Suspense fallback={null}>
                    <notificationsButton.Component />
                  </Suspense>
                ) : null
              }
            />
          </Drawer>
          <main className="relative flex min-w-0 flex-1 flex-col" data-room-id={activeId}>
            <MessageList
              key={`list-${activeId}`}
              items={stream.items}
              welcome={isHome ? welcome : ""}
              hasMore={stream.hasMore}
              hasNewer={!!stream.hasNewer}
              loadingNewer={rooms.loadingNewer}
              onLoadNewer={rooms.loadNewer}
              loaded={stream.loaded}
              loadingOlder={rooms.loadingOlder}
              onLoadOlder={rooms.loadOlder}
              saved={spots.current.get(activeId)}
              lastReadId={active?.lastReadId ?? 0}
              unread={active?.unread ?? 0}
              onScrollSpot={saveSpot}
              jumpTo={jumpTo}
              handlers={{
                meId: me.id,
                meUsername: me.username,
                canModerate: me.role !== "user",
                onUserClick: showUser,
                onRetry: rooms.retry,
                onReport: report,
                onReply: (message) => setCompose({ roomId: activeId, value: { mode: "reply", message } }),
                onEdit: (message) => setCompose({ roomId: activeId, value: { mode: "edit", message } }),
                onDelete: setDeleting,
                onReact: (message, emoji, add) => void react(message, emoji, add),
                onRemovePreview: (message) => void removePreview(message),
                onJump: (messageId) => void jump(messageId),
              }}
            />
            <TypingIndicator users={chat.presence.typingIn(activeId)} />
            <Composer
              key={`composer-${activeId}`}
              label={label}
              initialDraft={drafts.current.get(activeId)}
              onDraft={(text) => drafts.current.set(activeId, text)}
              onSubmit={(text, files) =>
                chat.submit(text, {
                  ...(compose?.mode === "reply" ? { replyTo: compose.message.id } : {}),
                  ...(files?.length ? { attachments: files.map((f) => f.id), attachmentNames: files.map((f) => f.name) } : {}),
                })
              }
              onTyping={chat.setTyping}
              compose={compose}
              onComposeEnd={() => setCompose(null)}
              onSaveEdit={saveEdit}
              onEditLast={editLast}
              mentions={{
                members: mentionable,
                meId: me.id,
                canMentionHere: !!active && active.kind !== "dm" && (active.ownerId === me.id || me.role !== "user"),
              }}
            />
          </main>
          <Drawer side="right" label="Online users" open={drawer === "online"} onClose={closeDrawer}>
            <OnlineList online={people.online} offline={people.offline} meId={me.id} onUserClick={showUser} />
          </Drawer>
        </div>
        {dialog ? (
          <Suspense fallback={null}>
            <chatDialogs.Component me={me} chat={chat} dialog={dialog} onClose={closeDialog} />
          </Suspense>
        ) : null}
        {search ? (
          <Suspense fallback={null}>
            <searchPanel.Component initial={search} roomTitle={roomTitle} onJump={(hit) => void openHit(hit)} onClose={() => setSearch(null)} />
          </Suspense>
        ) : null}
        {deleting ? (
          <Suspense fallback={null}>
            <deleteDialog.Component
              message={deleting}
              asModerator={deleting.author.id !== me.id}
              onConfirm={() => confirmDelete(deleting)}
              onClose={() => setDeleting(null)}
            />
          </Suspense>
        ) : null}
        {hydrated ? (
          <Suspense fallback={null}>
            <toaster.Component />
          </Suspense>
        ) : null}
      </div>
    </ProfileOverridesProvider>
  );
}
