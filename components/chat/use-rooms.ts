"use client";

import { useCallback, useReducer, useRef, useState } from "react";
import { useLatest, useSocketEvent } from "@/components/chat/use-socket-event";
import type { SendOptions, SystemTone } from "@/lib/client/chat-state";
import { createStore, storeReducer } from "@/lib/client/chat-store";
import { newPending } from "@/lib/client/outbox";
import type { Requester } from "@/lib/client/request";
import { request } from "@/lib/client/request";
import { roomGoneNotice } from "@/lib/client/room-settings";
import type { ClientSocket } from "@/lib/client/socket";
import type { FirstHistory } from "@/lib/server/services/first-history";
import type { RoomSummary, SessionUser } from "@/lib/shared/types";

/**
 * Every room the user belongs to, kept live: the socket is subscribed to all of them,
 * so messages for rooms not on screen count as unread. `first`: the home room's page
 * from the server render; the first room:join catches up after its last message.
 */
export function useRooms(
  me: SessionUser,
  home: RoomSummary,
  first: FirstHistory | null,
  socket: ClientSocket | null,
  visible: boolean,
  onRoomGone: (text: string) => void,
) {
  const [store, dispatch] = useReducer(storeReducer, { home, first }, (given) => createStore(given.home, given.first));
  const [loadingOlder, setLoadingOlder] = useState(false);
  const [loadingNewer, setLoadingNewer] = useState(false);
  const storeRef = useLatest(store);
  const socketRef = useLatest(socket);
  const visibleRef = useLatest(visible);

  const ask: Requester = useCallback((event, payload) => request(socketRef.current, event, payload), [socketRef]);

  const print = useCallback(
    (text: string, tone: SystemTone = "output", roomId?: string) =>
      dispatch({ type: "stream", roomId: roomId ?? storeRef.current.activeId, action: { type: "system", text, tone } }),
    [storeRef],
  );

  /** Loads a room's stream, or catches up on what came after the last message shown. */
  const load = useCallback(
    async (roomId: string): Promise<boolean> => {
      const stream = storeRef.current.streams[roomId];
      // From where it stood when the connection dropped, if it did (live messages since then don't count).
      const from = stream?.resume ?? (stream?.loaded && stream.lastId > 0 ? { afterId: stream.lastId, afterChange: stream.changeSeq } : undefined);
      const answer = await ask("room:join", { roomId, ...from });
      if (answer.ok) {
        dispatch({ type: "joined", result: answer.data, catchUp: from !== undefined });
        return true;
      }
      const { homeId } = storeRef.current;
      if (roomId !== homeId && (answer.error.code === "NOT_FOUND" || answer.error.code === "FORBIDDEN")) {
        dispatch({ type: "remove", roomId });
        print(answer.error.message, "error", homeId);
        void load(homeId);
      } else print(answer.error.message, "error", roomId);
      return false;
    },
    [ask, print, storeRef],
  );

  const activate = useCallback(
    async (roomId: string) => {
      dispatch({ type: "activate", roomId });
      return load(roomId);
    },
    [load],
  );

  /** On every (re)connect: the sidebar's rooms and unread counts, then the room on screen (or `preferred`, if the user belongs to it). */
  const refresh = useCallback(
    async (preferred?: string | null) => {
      const answer = await ask("room:mine", {});
      let target = storeRef.current.activeId;
      if (answer.ok) {
        dispatch({ type: "rooms", rooms: answer.data.rooms });
        if (preferred && answer.data.rooms.some((r) => r.id === preferred)) target = preferred;
      }
      if (target !== storeRef.current.activeId) dispatch({ type: "activate", roomId: target });
      await load(target);
    },
    [ask, load, storeRef],
  );

  /** Queues a new message; the outbox (use-outbox) sends it when its turn comes and the socket is up. */
  const send = useCallback(
    (body: string, options: SendOptions = {}, roomId = storeRef.current.activeId) => {
      dispatch({ type: "stream", roomId, action: { type: "pending", item: newPending(body, options, me) } });
      // Writing from a window into older history (a search jump): back to the live end, where the message will show.
      if (storeRef.current.streams[roomId]?.hasNewer) void load(roomId);
    },
    [me, storeRef, load],
  );

  /** Back in the queue with the same client id: the server stores it at most once. */
  const retry = useCallback(
    (clientId: string) => dispatch({ type: "stream", roomId: storeRef.current.activeId, action: { type: "retry", clientId } }),
    [storeRef],
  );

  const loadOlder = useCallback(async () => {
    const { activeId, streams } = storeRef.current;
    const stream = streams[activeId];
    const first = stream?.items.find((i) => i.kind === "message");
    if (loadingOlder || !stream?.hasMore || first?.kind !== "message") return;
    setLoadingOlder(true);
    const answer = await ask("message:history", { roomId: activeId, before: first.message.id });
    if (answer.ok) dispatch({ type: "stream", roomId: activeId, action: { type: "prepend", messages: answer.data.messages, hasMore: answer.data.hasMore } });
    else print(answer.error.message, "error", activeId);
    setLoadingOlder(false);
  }, [ask, loadingOlder, print, storeRef]);

  /**
   * Loads older pages of the room on screen until message `id` is in it (a reply's parent):
   * true once it is, false when the history ends first or a page fails.
   */
  const loadUntil = useCallback(
    async (id: number): Promise<boolean> => {
      const roomId = storeRef.current.activeId;
      for (let page = 0; page < 50; page++) {
        const stream = storeRef.current.streams[roomId];
        if (stream?.seen.has(id)) return true;
        const first = stream?.items.find((i) => i.kind === "message");
        if (!stream?.hasMore || first?.kind !== "message") return false;
        const answer = await ask("message:history", { roomId, before: first.message.id, limit: 100 });
        if (!answer.ok) {
          print(answer.error.message, "error", roomId);
          return false;
        }
        dispatch({ type: "stream", roomId, action: { type: "prepend", messages: answer.data.messages, hasMore: answer.data.hasMore } });
        // The store ref follows once React has rendered the new page.
        const oldest = first.message.id;
        const firstNow = () => storeRef.current.streams[roomId]?.items.find((i) => i.kind === "message");
        for (let wait = 0; wait < 50 && answer.data.messages.length && firstNow()?.key === `m${oldest}`; wait++)
          await new Promise((resolve) => setTimeout(resolve, 10));
      }
      return false;
    },
    [ask, print, storeRef],
  );

  /**
   * Opens `roomId` at message `id` (a search result): the room's page around it
   * (message:history `around`) unless it is already loaded. True once it is in the stream.
   */
  const jumpTo = useCallback(
    async (roomId: string, id: number): Promise<boolean> => {
      if (!storeRef.current.rooms[roomId]) return false;
      const before = storeRef.current.streams[roomId];
      if (storeRef.current.activeId !== roomId) dispatch({ type: "activate", roomId });
      // room:join first: membership, unread counts and the change cursor catch-up needs later.
      if (!before?.loaded && !(await load(roomId))) return false;
      if (before?.seen.has(id)) return true;
      const answer = await ask("message:history", { roomId, around: id });
      if (!answer.ok) {
        print(answer.error.message, "error", roomId);
        return false;
      }
      if (!answer.data.messages.some((m) => m.id === id)) return false;
      const { messages, hasMore, hasNewer = false } = answer.data;
      dispatch({ type: "stream", roomId, action: { type: "window", messages, hasMore, hasNewer } });
      return true;
    },
    [ask, load, print, storeRef],
  );

  /**
   * The next newer page of a window into older history (after jumpTo): the page around
   * its newest message holds the next 25. On the last one, a room:join catch-up from
   * there picks up what was stored meanwhile and the edits made while away.
   */
  const loadNewer = useCallback(async () => {
    const { activeId, streams } = storeRef.current;
    const stream = streams[activeId];
    if (loadingNewer || !stream?.hasNewer || stream.lastId <= 0) return;
    setLoadingNewer(true);
    const answer = await ask("message:history", { roomId: activeId, around: stream.lastId });
    if (answer.ok) {
      const hasNewer = answer.data.hasNewer ?? false;
      dispatch({ type: "stream", roomId: activeId, action: { type: "append-newer", messages: answer.data.messages, hasNewer } });
      const newest = answer.data.messages.at(-1)?.id ?? stream.lastId;
      if (!hasNewer) {
        const caughtUp = await ask("room:join", { roomId: activeId, afterId: newest, afterChange: stream.changeSeq });
        if (caughtUp.ok) dispatch({ type: "joined", result: caughtUp.data, catchUp: true });
      }
    } else print(answer.error.message, "error", activeId);
    setLoadingNewer(false);
  }, [ask, loadingNewer, print, storeRef]);

  const refreshing = useRef(false);
  useSocketEvent(socket, "message:new", (message) => {
    // A conversation this tab has not heard of yet (room:added raced it): fetch the list once.
    if (!storeRef.current.rooms[message.roomId] && !refreshing.current) {
      refreshing.current = true;
      void refresh().finally(() => (refreshing.current = false));
    }
    dispatch({ type: "message", message, meId: me.id, seen: visibleRef.current });
  });
  // Several nodes: while this node had no Redis, other nodes' messages did not arrive live.
  // Catch up each open conversation from where it stood when the link went (not from its
  // newest message: this node's own messages kept coming meanwhile).
  const marks = useRef<Record<string, { afterId: number; afterChange: number }> | null>(null);
  useSocketEvent(socket, "cluster:degraded", () => {
    if (marks.current) return;
    marks.current = Object.fromEntries(
      Object.entries(storeRef.current.streams).flatMap(([roomId, s]) => (s.loaded ? [[roomId, { afterId: s.lastId, afterChange: s.changeSeq }]] : [])),
    );
  });
  useSocketEvent(socket, "cluster:resync", () => {
    const from = marks.current ?? {};
    marks.current = null;
    for (const [roomId, mark] of Object.entries(from)) {
      void ask("room:join", { roomId, ...mark }).then((answer) => {
        if (answer.ok) dispatch({ type: "joined", result: answer.data, catchUp: true });
      });
    }
  });
  useSocketEvent(socket, "message:updated", (message) =>
    dispatch({ type: "stream", roomId: message.roomId, action: { type: "updated", messages: [message] } }),
  );
  useSocketEvent(socket, "room:added", (room) => dispatch({ type: "upsert", room }));
  useSocketEvent(socket, "room:updated", (room) => dispatch({ type: "upsert", room }));
  useSocketEvent(socket, "user:updated", (user) => dispatch({ type: "user-updated", user }));
  const gone = ({ roomId, message }: { roomId: string; message: string }) => {
    const { activeId, homeId, rooms } = storeRef.current;
    if (!rooms[roomId]) return;
    dispatch({ type: "remove", roomId });
    const notice = roomGoneNotice(message, activeId === roomId);
    print(notice, "error", homeId);
    onRoomGone(notice);
    if (activeId === roomId) void load(homeId);
  };
  useSocketEvent(socket, "room:deleted", gone);
  useSocketEvent(socket, "room:kicked", gone);
  useSocketEvent(socket, "room:member-joined", ({ roomId, user, memberCount }) => {
    dispatch({ type: "member-count", roomId, memberCount });
    const room = storeRef.current.rooms[roomId];
    if (room && room.kind !== "dm" && user.id !== me.id && storeRef.current.streams[roomId]?.loaded)
      print(`${user.displayName} joined #${room.name}`, "presence", roomId);
  });
  useSocketEvent(socket, "room:member-left", ({ roomId, user, memberCount }) => {
    dispatch({ type: "member-count", roomId, memberCount });
    const room = storeRef.current.rooms[roomId];
    if (room && room.kind !== "dm" && user.id !== me.id && storeRef.current.streams[roomId]?.loaded)
      print(`${user.displayName} left #${room.name}`, "presence", roomId);
  });

  return { store, dispatch, ask, print, load, activate, refresh, send, retry, loadOlder, loadUntil, loadingOlder, jumpTo, loadNewer, loadingNewer };
}

export type Rooms = ReturnType<typeof useRooms>;
