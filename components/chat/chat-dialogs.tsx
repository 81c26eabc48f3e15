"use client";

import type { ReactNode } from "react";
import type { useChat } from "@/components/chat/use-chat";
import { ChatUserCard } from "@/components/chat/user-card";
import { BrowseRooms } from "@/components/rooms/browse-rooms";
import { CreateRoomForm } from "@/components/rooms/create-room-form";
import { RoomSettings } from "@/components/rooms/room-settings";
import { Dialog, DialogContent, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import type { PublicUser, SessionUser } from "@/lib/shared/types";

export type DialogState = { type: "browse" } | { type: "create" } | { type: "settings" } | { type: "user"; user: PublicUser } | null;

/** The chat's modal dialogs; each does exactly what its slash command does. */
export function ChatDialogs({ me, chat, dialog, onClose }: { me: SessionUser; chat: ReturnType<typeof useChat>; dialog: DialogState; onClose: () => void }) {
  const { rooms, actions, blocks, active, isHome } = chat;
  const canManage = !!active && active.kind !== "dm" && (active.ownerId === me.id || me.role !== "user");
  const closeOnSuccess = async <T extends { ok: boolean }>(pending: Promise<T>) => {
    const outcome = await pending;
    if (outcome.ok) onClose();
    return outcome;
  };

  return (
    <>
      <Modal title="Browse rooms" open={dialog?.type === "browse"} onClose={onClose}>
        <BrowseRooms
          ask={rooms.ask}
          memberOf={new Set(Object.keys(rooms.store.rooms))}
          onJoin={(roomId, password) => closeOnSuccess(actions.join({ roomId, password }))}
          onOpen={(roomId) => {
            void rooms.activate(roomId);
            onClose();
          }}
        />
      </Modal>
      <Modal title="Create room" open={dialog?.type === "create"} onClose={onClose}>
        <CreateRoomForm onCreate={(input) => closeOnSuccess(actions.create(input))} />
      </Modal>
      <Modal title="Room settings" open={dialog?.type === "settings" && !!active} onClose={onClose}>
        {active ? (
          <RoomSettings room={active} canEdit={canManage} onUpdate={actions.update} onDelete={(roomId) => closeOnSuccess(actions.remove(roomId))} />
        ) : null}
      </Modal>
      <Modal title="User" open={dialog?.type === "user"} onClose={onClose}>
        {dialog?.type === "user" ? (
          <ChatUserCard
            user={dialog.user}
            meId={me.id}
            socket={chat.conn.socket}
            online={chat.presence.online.has(dialog.user.id)}
            blocked={blocks.blocked.has(dialog.user.id)}
            kickFrom={canManage && !isHome && active ? `#${active.name}` : null}
            onMessage={() => closeOnSuccess(actions.openDm([dialog.user.username]))}
            onBlock={() => blocks.block([dialog.user.username])}
            onUnblock={() => blocks.unblock([dialog.user.username])}
            onKick={() => (active ? actions.kick(active.id, dialog.user.username) : Promise.resolve({ ok: false as const, error: "Open a room first." }))}
          />
        ) : null}
      </Modal>
    </>
  );
}

/** One of the chat's dialogs: named by its title, with a close button named after it ("Close room settings"). */
function Modal({ title, open, onClose, children }: { title: string; open: boolean; onClose: () => void; children: ReactNode }) {
  return (
    <Dialog open={open} onOpenChange={(next) => (next ? undefined : onClose())}>
      <DialogContent closeLabel={`Close ${title.toLowerCase()}`} aria-describedby={undefined}>
        <DialogHeader>
          <DialogTitle>{title}</DialogTitle>
        </DialogHeader>
        {children}
      </DialogContent>
    </Dialog>
  );
}
