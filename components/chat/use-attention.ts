"use client";

import { useEffect } from "react";
import { useLatest, useSocketEvent } from "@/components/chat/use-socket-event";
import { ACTIVITY_INTERVAL_MS, createThrottle, notificationText, shouldNotify, tabTitle } from "@/lib/client/attention";
import type { ChatStore } from "@/lib/client/chat-store";
import { conversationTitle } from "@/lib/client/chat-store";
import type { ClientSocket } from "@/lib/client/socket";
import type { SessionUser } from "@/lib/shared/types";

const INPUT_EVENTS = ["keydown", "pointerdown", "scroll", "focus"] as const;

/**
 * What reaches the user outside the stream: the unread total in the tab title, desktop
 * notifications while the tab is hidden, and read markers for the room on screen.
 * Also tells the server about real input (never on a timer) so the session stays alive.
 */
export function useAttention(
  me: SessionUser,
  socket: ClientSocket | null,
  store: ChatStore,
  totalUnread: number,
  visible: boolean,
  online: boolean,
  markRead: (roomId: string) => void,
) {
  const storeRef = useLatest(store);
  const active = store.rooms[store.activeId];
  const title = active ? conversationTitle(active, me.id) : "Parley";

  useEffect(() => {
    document.title = tabTitle(totalUnread, title);
  }, [totalUnread, title]);

  const stream = store.streams[store.activeId];
  const lastId = stream?.loaded ? stream.lastId : 0;
  const needsRead = !!active && !!stream?.loaded && (active.unread > 0 || lastId > active.lastReadId);
  useEffect(() => {
    if (!visible || !needsRead || !online || !socket) return;
    markRead(store.activeId);
    socket.emit("room:read", { roomId: store.activeId, lastId });
  }, [visible, needsRead, online, socket, store.activeId, lastId, markRead]);

  useSocketEvent(socket, "message:new", (message) => {
    const { activeId, rooms } = storeRef.current;
    const room = rooms[message.roomId];
    if (typeof Notification === "undefined") return;
    const hidden = document.visibilityState === "hidden";
    if (!shouldNotify({ hidden, permission: Notification.permission, message, meId: me.id, activeId, roomKind: room?.kind, muted: room?.muted })) return;
    const { title: heading, body } = notificationText(message, room ? conversationTitle(room, me.id).replace("# ", "#") : "Parley", me.id);
    try {
      const note = new Notification(heading, { body, tag: `parley-${message.roomId}` });
      note.onclick = () => window.focus();
    } catch {
      // Some browsers only allow notifications from a service worker; the title still counts.
    }
  });

  useEffect(() => {
    if (!socket) return;
    const allow = createThrottle(ACTIVITY_INTERVAL_MS);
    const onInput = () => {
      if (socket.connected && allow()) socket.emit("session:activity", {});
    };
    for (const name of INPUT_EVENTS) window.addEventListener(name, onInput, { capture: true, passive: true });
    return () => {
      for (const name of INPUT_EVENTS) window.removeEventListener(name, onInput, { capture: true });
    };
  }, [socket]);
}
