"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useAttention } from "@/components/chat/use-attention";
import { useBlocks } from "@/components/chat/use-blocks";
import { useConnection } from "@/components/chat/use-connection";
import { useMembers } from "@/components/chat/use-members";
import { useOutbox } from "@/components/chat/use-outbox";
import { usePresence } from "@/components/chat/use-presence";
import { useRoomActions } from "@/components/chat/use-room-actions";
import { useRooms } from "@/components/chat/use-rooms";
import { notify } from "@/components/chat/toasts";
import { useSocketEvent } from "@/components/chat/use-socket-event";
import { useDocumentVisible } from "@/components/chat/use-visibility";
import type { MemberRow } from "@/components/chat/online-list";
import { roomHref } from "@/components/rooms/room-sidebar";
import { commandRuntime } from "@/components/chat/command-runtime";
import { isCommandText, unescapeMessage } from "@/lib/client/command-text";
import { totalUnread } from "@/lib/client/chat-store";
import type { CommandHost } from "@/lib/client/run-command";
import { followSessionUser } from "@/lib/client/session-user";
import type { FirstHistory } from "@/lib/server/services/first-history";
import type { RoomSummary, SessionUser } from "@/lib/shared/types";

export type { Connection } from "@/components/chat/use-connection";

const byName = (a: MemberRow, b: MemberRow) => a.displayName.localeCompare(b.displayName);

/** The whole chat client: connection, rooms, people, and what commands and buttons do. */
export function useChat(initialMe: SessionUser, home: RoomSummary, first: FirstHistory | null = null, onSearch: (query: string) => void = () => {}) {
  const visible = useDocumentVisible();
  const conn = useConnection();
  // The server's page render is a snapshot: role, name and avatar follow the socket.
  const [me, setMe] = useState(initialMe);
  useSocketEvent(conn.socket, "moderation:notice", (notice) => setMe((m) => followSessionUser(m, { type: "notice", notice })));
  useSocketEvent(conn.socket, "user:updated", (profile) => setMe((m) => followSessionUser(m, { type: "profile", profile })));
  useSocketEvent(conn.socket, "session:ready", ({ user }) => setMe((m) => followSessionUser(m, { type: "ready", user })));
  const online = conn.connection === "online";
  const rooms = useRooms(me, home, first, conn.socket, visible, notify);
  const actions = useRoomActions(rooms);
  const { print, ask, dispatch, store, refresh } = rooms;
  useOutbox(store, dispatch, ask, online);
  const presence = usePresence(me, conn.socket, { line: (text) => print(text, "presence"), toast: notify });
  const blocks = useBlocks(ask);
  const members = useMembers(conn.socket, ask, store.activeId, online);
  const active = store.rooms[store.activeId];
  const isHome = store.activeId === store.homeId;
  const markRead = useCallback((roomId: string) => dispatch({ type: "read", roomId }), [dispatch]);
  useAttention(me, conn.socket, store, totalUnread(store), visible, online, markRead);

  const { generation } = conn;
  const { loadOnline } = presence;
  const { loadBlocks } = blocks;
  /** The room named in the address bar when the page loaded; opened once the room list is in. */
  const wantedRoom = useRef<string | null | undefined>(undefined);
  // Every (re)connect: catch up on rooms, unread counts, the room on screen, presence, blocks.
  useEffect(() => {
    if (wantedRoom.current === undefined) wantedRoom.current = new URLSearchParams(window.location.search).get("room");
    if (generation === 0) return;
    void refresh(wantedRoom.current);
    wantedRoom.current = null;
    void loadOnline(ask);
    void loadBlocks();
  }, [generation, refresh, loadOnline, ask, loadBlocks]);

  // The address bar names the room on screen, so a reload comes back to it.
  useEffect(() => {
    if (!active || generation === 0) return;
    const href = roomHref(active, store.homeId);
    if (window.location.pathname + window.location.search !== href) window.history.replaceState(null, "", href);
  }, [active, store.homeId, generation]);

  const people = useMemo(() => {
    const list: (MemberRow & { online?: boolean })[] = members.length ? members : (active?.participants ?? []);
    // Until the presence list arrives, trust the member list's own online flags.
    const isOnline = (m: { id: string; online?: boolean }) => (presence.online.size ? presence.online.has(m.id) : !!m.online);
    if (isHome) {
      // Everyone belongs to #general: whoever is online is a member, even if they signed up a second ago.
      const owners = new Set(list.filter((m) => m.isOwner).map((m) => m.id));
      const onlineRows = [...presence.online.values()].map((u) => ({ ...u, isOwner: owners.has(u.id) }));
      return { online: onlineRows.sort(byName), offline: list.filter((m) => !presence.online.has(m.id)).sort(byName) };
    }
    return { online: list.filter(isOnline).sort(byName), offline: list.filter((m) => !isOnline(m)).sort(byName) };
  }, [members, active?.participants, isHome, presence.online]);

  const host: CommandHost = {
    me,
    room: active,
    ask,
    print,
    join: actions.join,
    leave: actions.leave,
    create: actions.create,
    message: actions.message,
    send: (body, options) => rooms.send(body, options, store.activeId),
    block: blocks.block,
    unblock: blocks.unblock,
    kick: actions.kick,
    quit: conn.logOut,
    search: onSearch,
  };

  /** The composer's Enter: a command runs, anything else (and anything with files) is sent. Returns a sentence if it can't. */
  const submit = (
    text: string,
    options: { replyTo?: number; attachments?: string[]; attachmentNames?: string[] } = {},
  ): string | null | Promise<string | null> => {
    // With files, the text is their caption: "/me" or "/shrug" would lose them, so it is never a command then.
    if (options.attachments?.length) {
      rooms.send(text, options, store.activeId);
      return null;
    }
    if (!isCommandText(text)) {
      rooms.send(unescapeMessage(text), options, store.activeId);
      return null;
    }
    const run = (commands: typeof import("@/lib/client/command-runtime")): string | null => {
      const parsed = commands.parseCommand(text);
      if (!parsed.ok) return parsed.error;
      void commands.runCommand(parsed.command, host);
      return null;
    };
    const loaded = commandRuntime.current();
    if (loaded) return run(loaded);
    return commandRuntime.load().then(run, () => "Commands could not be loaded. Check your connection and press Enter again.");
  };

  const setTyping = (typing: boolean) => conn.socket?.emit(typing ? "typing:start" : "typing:stop", { roomId: store.activeId });

  return { me, conn, rooms, actions, blocks, presence, people, active, isHome, submit, setTyping };
}
