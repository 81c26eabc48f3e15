"use client";

import { useCallback, useEffect, useState } from "react";
import { useSocketEvent } from "@/components/chat/use-socket-event";
import { presenceNotice } from "@/lib/client/presence-notices";
import type { Requester } from "@/lib/client/request";
import type { ClientSocket } from "@/lib/client/socket";
import type { PublicUser, SessionUser } from "@/lib/shared/types";

const TYPING_EXPIRY_MS = 3_500;

interface Typist {
  roomId: string;
  user: PublicUser;
  until: number;
}

/**
 * Who is online (everyone, live) and who is typing where. Arrivals and departures
 * become a toast and a line in the room on screen; neither is stored.
 */
export function usePresence(me: SessionUser, socket: ClientSocket | null, hooks: { line: (text: string) => void; toast: (text: string) => void }) {
  const [online, setOnline] = useState<Map<string, PublicUser>>(new Map());
  const [typing, setTyping] = useState<Map<string, Typist>>(new Map());

  const loadOnline = useCallback(async (ask: Requester) => {
    const answer = await ask("presence:list", {});
    if (answer.ok) setOnline(new Map(answer.data.users.map((u) => [u.id, u])));
  }, []);

  useSocketEvent(socket, "presence:online", ({ user }) => {
    setOnline((m) => new Map(m).set(user.id, user));
    if (user.id === me.id) return;
    const notice = presenceNotice("online", user.displayName);
    hooks.line(notice.line);
    hooks.toast(notice.toast);
  });
  useSocketEvent(socket, "presence:offline", ({ user }) => {
    setOnline((m) => {
      const next = new Map(m);
      next.delete(user.id);
      return next;
    });
    if (user.id === me.id) return;
    const notice = presenceNotice("offline", user.displayName);
    hooks.line(notice.line);
    hooks.toast(notice.toast);
  });
  useSocketEvent(socket, "typing:update", ({ roomId, user, typing: isTyping }) => {
    if (user.id === me.id) return;
    setTyping((t) => {
      const next = new Map(t);
      if (isTyping) next.set(`${roomId}:${user.id}`, { roomId, user, until: Date.now() + TYPING_EXPIRY_MS });
      else next.delete(`${roomId}:${user.id}`);
      return next;
    });
  });
  useSocketEvent(socket, "message:new", (message) => {
    const key = `${message.roomId}:${message.author.id}`;
    setTyping((t) => {
      if (!t.has(key)) return t;
      const next = new Map(t);
      next.delete(key);
      return next;
    });
  });

  // Typing lines expire on their own when the typist goes quiet.
  useEffect(() => {
    if (typing.size === 0) return;
    const timer = setInterval(() => {
      setTyping((t) => {
        const now = Date.now();
        const next = new Map([...t].filter(([, v]) => v.until > now));
        return next.size === t.size ? t : next;
      });
    }, 500);
    return () => clearInterval(timer);
  }, [typing.size]);

  const typingIn = useCallback((roomId: string) => [...typing.values()].filter((t) => t.roomId === roomId).map((t) => t.user), [typing]);

  return { online, loadOnline, typingIn };
}
