"use client";

import { useCallback, useEffect, useState } from "react";
import { useLatest, useSocketEvent } from "@/components/chat/use-socket-event";
import type { Requester } from "@/lib/client/request";
import type { ClientSocket } from "@/lib/client/socket";
import type { RoomMemberInfo } from "@/lib/shared/types";

/** The members of the room on screen, kept live by join/leave events. */
export function useMembers(socket: ClientSocket | null, ask: Requester, roomId: string, connected: boolean) {
  const [members, setMembers] = useState<{ roomId: string; list: RoomMemberInfo[] } | null>(null);
  const roomRef = useLatest(roomId);

  const reload = useCallback(async () => {
    const forRoom = roomRef.current;
    const answer = await ask("room:members", { roomId: forRoom });
    if (answer.ok && roomRef.current === forRoom) setMembers({ roomId: forRoom, list: answer.data.members });
  }, [ask, roomRef]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `roomId` is the trigger; reload() reads the room through roomRef.
  useEffect(() => {
    if (connected) void reload();
  }, [roomId, connected, reload]);

  useSocketEvent(socket, "room:member-joined", ({ roomId: id, user }) => {
    if (id !== roomRef.current) return;
    setMembers((m) =>
      m && m.roomId === id && !m.list.some((x) => x.id === user.id) ? { roomId: id, list: [...m.list, { ...user, online: true, isOwner: false }] } : m,
    );
  });
  useSocketEvent(socket, "room:member-left", ({ roomId: id, user }) => {
    if (id !== roomRef.current) return;
    setMembers((m) => (m && m.roomId === id ? { roomId: id, list: m.list.filter((x) => x.id !== user.id) } : m));
  });
  useSocketEvent(socket, "room:updated", (room) => {
    if (room.id === roomRef.current) void reload();
  });

  return members?.roomId === roomId ? members.list : [];
}
