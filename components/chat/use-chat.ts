"use client";

import { useCallback, useEffect, useReducer, useRef, useState } from "react";
import { chatReducer, emptyChat } from "@/lib/client/chat-state";
import { createClientSocket, type ClientSocket } from "@/lib/client/socket";
import type { Ack } from "@/lib/realtime/events";
import type { ChatMessage, PublicUser, RoomSummary, SessionUser } from "@/lib/types";

export type Connection = "connecting" | "online" | "offline" | "signed-out";

const ACK_TIMEOUT_MS = 10_000;
const TYPING_EXPIRY_MS = 3_500;

function newClientId(): string {
  return typeof crypto.randomUUID === "function" ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

/** Emits with an ack and a timeout; a lost connection reads as an error sentence, not silence. */
function request<T>(socket: ClientSocket, event: "room:join" | "message:send" | "message:history", payload: unknown): Promise<Ack<T>> {
  return new Promise((resolve) => {
    (socket.timeout(ACK_TIMEOUT_MS) as unknown as { emit: (e: string, p: unknown, cb: (err: Error | null, r: Ack<T>) => void) => void }).emit(
      event,
      payload,
      (err, response) => {
        if (err) resolve({ ok: false, error: { code: "UNAVAILABLE", message: "No answer from the server. Check your connection." } });
        else resolve(response);
      },
    );
  });
}

export function useChat(me: SessionUser, room: RoomSummary) {
  const [state, dispatch] = useReducer(chatReducer, emptyChat);
  const [connection, setConnection] = useState<Connection>("connecting");
  const [notice, setNotice] = useState<string | null>(null);
  const [online, setOnline] = useState<Map<string, PublicUser>>(new Map());
  const [typing, setTyping] = useState<Map<string, { user: PublicUser; until: number }>>(new Map());
  const [loadingOlder, setLoadingOlder] = useState(false);
  const socketRef = useRef<ClientSocket | null>(null);
  const lastIdRef = useRef(0);
  lastIdRef.current = state.lastId;

  useEffect(() => {
    const socket = createClientSocket();
    socketRef.current = socket;

    const join = async () => {
      const afterId = lastIdRef.current > 0 ? lastIdRef.current : undefined;
      const joined = await request<{ messages: ChatMessage[]; hasMore: boolean; caughtUp: boolean }>(socket, "room:join", { roomId: room.id, afterId });
      if (!joined.ok) {
        setNotice(joined.error.message);
        return;
      }
      const { messages, hasMore, caughtUp } = joined.data;
      if (afterId !== undefined && caughtUp) dispatch({ type: "append", messages });
      else dispatch({ type: "reset", messages, hasMore });
      socket.emit("presence:list", {}, (response) => {
        if (response.ok) setOnline(new Map(response.data.users.map((u) => [u.id, u])));
      });
    };

    const onConnect = () => {
      setConnection("online");
      setNotice(null);
      void join();
    };
    const onDisconnect = (reason: string) => {
      setConnection((c) => (c === "signed-out" ? c : "offline"));
      // A server-side disconnect is not retried by Socket.IO; try again, and the
      // handshake tells us if the session is no longer valid.
      if (reason === "io server disconnect") socket.connect();
    };
    const onConnectError = (error: Error & { data?: { code?: string } }) => {
      if (error.data?.code === "UNAUTHENTICATED") {
        setConnection("signed-out");
        socket.disconnect();
      } else {
        setConnection("offline");
      }
    };
    const onMessage = (message: ChatMessage) => {
      if (message.roomId !== room.id) return;
      dispatch({ type: "append", messages: [message] });
      setTyping((t) => {
        if (!t.has(message.author.id)) return t;
        const next = new Map(t);
        next.delete(message.author.id);
        return next;
      });
    };
    const onOnline = ({ user }: { user: PublicUser }) => {
      setOnline((m) => new Map(m).set(user.id, user));
      if (user.id !== me.id) dispatch({ type: "system", text: `${user.displayName} is online` });
    };
    const onOffline = ({ user }: { user: PublicUser }) => {
      setOnline((m) => {
        const next = new Map(m);
        next.delete(user.id);
        return next;
      });
      if (user.id !== me.id) dispatch({ type: "system", text: `${user.displayName} left` });
    };
    const onTyping = ({ roomId, user, typing: isTyping }: { roomId: string; user: PublicUser; typing: boolean }) => {
      if (roomId !== room.id || user.id === me.id) return;
      setTyping((t) => {
        const next = new Map(t);
        if (isTyping) next.set(user.id, { user, until: Date.now() + TYPING_EXPIRY_MS });
        else next.delete(user.id);
        return next;
      });
    };
    const onShutdown = ({ message }: { message: string }) => setNotice(message);

    socket.on("connect", onConnect);
    socket.on("disconnect", onDisconnect);
    socket.on("connect_error", onConnectError);
    socket.on("message:new", onMessage);
    socket.on("presence:online", onOnline);
    socket.on("presence:offline", onOffline);
    socket.on("typing:update", onTyping);
    socket.on("server:shutdown", onShutdown);
    socket.connect();

    return () => {
      socket.off("connect", onConnect);
      socket.off("disconnect", onDisconnect);
      socket.off("connect_error", onConnectError);
      socket.off("message:new", onMessage);
      socket.off("presence:online", onOnline);
      socket.off("presence:offline", onOffline);
      socket.off("typing:update", onTyping);
      socket.off("server:shutdown", onShutdown);
      socket.disconnect();
      socketRef.current = null;
    };
  }, [me.id, room.id]);

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

  const deliver = useCallback(
    async (clientId: string, body: string) => {
      const socket = socketRef.current;
      if (!socket) return;
      const response = await request<ChatMessage>(socket, "message:send", { roomId: room.id, body, clientId });
      if (response.ok) dispatch({ type: "append", messages: [response.data] });
      else dispatch({ type: "failed", clientId, error: response.error.message });
    },
    [room.id],
  );

  const send = useCallback(
    (body: string) => {
      const clientId = newClientId();
      dispatch({
        type: "pending",
        item: { kind: "pending", key: `p${clientId}`, clientId, body, author: me, createdAt: new Date().toISOString() },
      });
      void deliver(clientId, body);
    },
    [deliver, me],
  );

  /** Resends with the same client id: the server stores it at most once. */
  const retry = useCallback(
    (clientId: string, body: string) => {
      dispatch({ type: "retrying", clientId });
      void deliver(clientId, body);
    },
    [deliver],
  );

  const loadOlder = useCallback(async () => {
    const socket = socketRef.current;
    const first = state.items.find((i) => i.kind === "message");
    if (!socket || loadingOlder || !state.hasMore || !first || first.kind !== "message") return;
    setLoadingOlder(true);
    const response = await request<{ messages: ChatMessage[]; hasMore: boolean }>(socket, "message:history", {
      roomId: room.id,
      before: first.message.id,
    });
    if (response.ok) dispatch({ type: "prepend", messages: response.data.messages, hasMore: response.data.hasMore });
    else setNotice(response.error.message);
    setLoadingOlder(false);
  }, [loadingOlder, room.id, state.hasMore, state.items]);

  const setTypingActive = useCallback(
    (active: boolean) => {
      socketRef.current?.emit(active ? "typing:start" : "typing:stop", { roomId: room.id });
    },
    [room.id],
  );

  return { state, connection, notice, online, typing, loadingOlder, send, retry, loadOlder, setTypingActive };
}
