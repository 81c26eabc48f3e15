import type { CliEvent } from "@/cli/events";
import type { SendOptions } from "@/lib/client/chat-state";
import type { ChatStore, StoreAction } from "@/lib/client/chat-store";
import { createStore, storeReducer } from "@/lib/client/chat-store";
import { deliveryText } from "@/lib/client/delivery-text";
import { createOutboxDriver, newPending } from "@/lib/client/outbox";
import { presenceNotice } from "@/lib/client/presence-notices";
import type { Requester } from "@/lib/client/request";
import { request } from "@/lib/client/request";
import { roomGoneNotice } from "@/lib/client/room-settings";
import type { ClientSocket } from "@/lib/client/socket";
import type { ChatMessage, MyRoom, SessionUser } from "@/lib/shared/types";

/** Why the client can't go on with this session: the caller decides to log in again or exit. */
export type Fatal = { kind: "signed-out" | "refused" | "ended"; text: string };

/**
 * The chat state of a terminal session, kept with the web client's own reducers
 * (lib/client/chat-store, chat-state, outbox): the same catch-up from where each room
 * stood when the connection dropped, the same dedup by id, the same outbox with one
 * clientId per message. What changes is printed once, as events.
 */
export function createChatClient(deps: {
  socket: ClientSocket;
  url: string;
  retrySeconds: number;
  emit: (event: CliEvent) => void;
  fatal: (f: Fatal) => void;
  /** Line mode reads everything it prints; the full-screen view only the room on screen. */
  readsEverything?: boolean;
  /** After every change of the store (the full-screen view renders from it). */
  onChange?: () => void;
}) {
  const { socket, emit } = deps;
  let me: SessionUser | null = null;
  let store: ChatStore | null = null;
  /** Per room: the newest id that was there before this client started, or already printed. */
  const floors = new Map<string, number>();
  const printed = new Set<number>();
  /** `id:changeSeq` of changes already printed (an edit reaches us as ack and broadcast). */
  const changes = new Set<string>();
  const reported = new Set<string>();
  const delivered = new Set<number>();
  let ready: () => void = () => {};
  const firstLoad = new Promise<void>((resolve) => (ready = resolve));
  let connectedOnce = false;
  let stopped = false;

  const ask: Requester = (event, payload) => request(socket, event, payload);
  const meId = () => me?.id ?? "";

  function dispatch(action: StoreAction): void {
    if (!store) return;
    store = storeReducer(store, action);
    flush();
    deps.onChange?.();
    outbox.pump();
  }

  const outbox = createOutboxDriver({ store: () => store!, dispatch, ask });

  /** Prints what the store holds that was not printed yet: new messages in id order, and refused sends. */
  function flush(): void {
    if (!store) return;
    const fresh: ChatMessage[] = [];
    for (const [roomId, stream] of Object.entries(store.streams)) {
      const floor = floors.get(roomId) ?? Number.POSITIVE_INFINITY;
      for (const item of stream.items) {
        if (item.kind === "message" && item.message.id > floor && !printed.has(item.message.id)) fresh.push(item.message);
        if (item.kind === "pending" && item.status === "failed" && !reported.has(`${item.clientId}#${item.attempt}`)) {
          reported.add(`${item.clientId}#${item.attempt}`);
          emit({ type: "error", text: `Not sent: ${item.error ?? "the server refused it."}` });
        }
      }
    }
    for (const message of fresh.sort((a, b) => a.id - b.id)) {
      printed.add(message.id);
      const room = store.rooms[message.roomId];
      if (room) emit({ type: "message", room, message, meId: meId() });
    }
    // A direct message's ack says who got it; it may come before or after the broadcast.
    for (const stream of Object.values(store.streams))
      for (const item of stream.items) {
        if (item.kind !== "message" || !item.delivery || delivered.has(item.message.id) || !printed.has(item.message.id)) continue;
        delivered.add(item.message.id);
        emit({ type: "output", text: item.delivery.map(deliveryText).join("; ") });
      }
    if (fresh.length) markRead(new Set(fresh.map((m) => m.roomId)));
  }

  /** What a terminal printed has been read. */
  function markRead(roomIds: Set<string>): void {
    for (const roomId of roomIds) {
      if (deps.readsEverything === false && roomId !== store?.activeId) continue;
      const lastId = store?.streams[roomId]?.lastId ?? 0;
      if (lastId > 0) socket.emit("room:read", { roomId, lastId });
      dispatch({ type: "read", roomId });
    }
  }

  function changed(message: ChatMessage): void {
    const key = `${message.id}:${message.changeSeq ?? 0}`;
    const room = store?.rooms[message.roomId];
    if (!room || changes.has(key) || !printed.has(message.id)) return;
    changes.add(key);
    emit({ type: "updated", room, message, meId: meId() });
  }

  /** Loads a room's stream, or catches up from where it stood when the connection dropped. */
  async function load(roomId: string): Promise<{ ok: true; away: ChatMessage[] } | { ok: false; error: string }> {
    const stream = store?.streams[roomId];
    const from = stream?.resume ?? (stream?.loaded && stream.lastId > 0 ? { afterId: stream.lastId, afterChange: stream.changeSeq } : undefined);
    const answer = await ask("room:join", { roomId, ...from });
    if (!answer.ok) return { ok: false, error: answer.error.message };
    const { messages, changed: edits = [] } = answer.data;
    let away: ChatMessage[] = [];
    if (!floors.has(roomId)) {
      // First time here: what was unread waits to be shown as such; the rest is history.
      const room = store?.rooms[roomId];
      const unread = room?.unread ?? 0;
      away = unread > 0 ? messages.filter((m) => m.id > (room?.lastReadId ?? 0) && m.author.id !== meId()).slice(-unread) : [];
      for (const m of away) printed.add(m.id);
      floors.set(roomId, messages.at(-1)?.id ?? 0);
    }
    dispatch({ type: "joined", result: answer.data, catchUp: from !== undefined });
    for (const m of edits) changed(m);
    return { ok: true, away };
  }

  async function refresh(): Promise<void> {
    const answer = await ask("room:mine", {});
    if (!answer.ok) return emit({ type: "error", text: answer.error.message });
    let rooms = answer.data.rooms;
    if (!store) {
      let home: MyRoom | undefined = rooms.find((r) => r.kind === "public" && r.name === "general");
      if (!home) {
        // A first connection joins #general on its way in; it may not be done yet.
        const joined = await ask("room:join", { name: "general" });
        if (!joined.ok) return emit({ type: "error", text: joined.error.message });
        home = { ...joined.data.room, unread: 0, lastReadId: 0 };
        rooms = [home, ...rooms.filter((r) => r.id !== home?.id)];
      }
      store = createStore(home);
    }
    dispatch({ type: "rooms", rooms });
    const away: Array<{ room: MyRoom; message: ChatMessage }> = [];
    for (const room of rooms) {
      const loaded = await load(room.id);
      if (!loaded.ok) emit({ type: "error", text: loaded.error });
      else for (const message of loaded.away) away.push({ room, message });
    }
    if (away.length) {
      emit({ type: "output", text: `${away.length} message${away.length === 1 ? "" : "s"} arrived while you were away:` });
      for (const { room, message } of away.sort((a, b) => a.message.id - b.message.id)) emit({ type: "message", room, message, away: true, meId: meId() });
      markRead(new Set(away.map((a) => a.room.id)));
    }
  }

  socket.on("session:ready", ({ user }) => {
    me = user;
  });
  socket.on("connect", () => {
    void (async () => {
      if (connectedOnce) emit({ type: "status", state: "online", text: "Reconnected." });
      connectedOnce = true;
      await refresh();
      if (!store) return;
      outbox.setOnline(true);
      ready();
    })();
  });
  socket.on("disconnect", (reason) => {
    if (stopped) return;
    outbox.setOnline(false);
    emit({ type: "status", state: "reconnecting", text: `Connection lost — reconnecting every ${deps.retrySeconds} s…` });
    // A server-side disconnect is not retried by Socket.IO; the handshake says if the session still works.
    if (reason === "io server disconnect") socket.connect();
  });
  socket.on("connect_error", (error: Error & { data?: { code?: string; message?: string } }) => {
    const code = error.data?.code;
    if (code === "UNAUTHENTICATED") return deps.fatal({ kind: "signed-out", text: error.data?.message ?? error.message });
    if (code === "BANNED" || code === "FORBIDDEN_ORIGIN" || code === "TOO_MANY_CONNECTIONS") return deps.fatal({ kind: "refused", text: error.message });
    emit({ type: "status", state: "offline", text: `Can't reach ${deps.url} — retrying in ${deps.retrySeconds} s` });
    // A refused handshake (server not ready) is not retried by Socket.IO; a lost transport is.
    if (code) setTimeout(() => !stopped && socket.connect(), deps.retrySeconds * 1000);
  });
  socket.on("message:new", (message) => {
    if (!store) return;
    if (!store.rooms[message.roomId] || !store.streams[message.roomId]?.loaded) {
      // A conversation that just appeared: from this message on, it is news.
      if (!floors.has(message.roomId)) floors.set(message.roomId, message.id - 1);
      void (store.rooms[message.roomId] ? Promise.resolve() : ask("room:mine", {}).then((a) => a.ok && dispatch({ type: "rooms", rooms: a.data.rooms }))).then(
        () => load(message.roomId),
      );
      return;
    }
    dispatch({ type: "message", message, meId: meId(), seen: true });
  });
  socket.on("message:updated", (message) => {
    dispatch({ type: "stream", roomId: message.roomId, action: { type: "updated", messages: [message] } });
    changed(message);
  });
  socket.on("room:added", (room) => dispatch({ type: "upsert", room }));
  socket.on("room:updated", (room) => dispatch({ type: "upsert", room }));
  const gone = ({ roomId, message }: { roomId: string; message: string }) => {
    if (!store?.rooms[roomId]) return;
    const wasActive = store.activeId === roomId;
    dispatch({ type: "remove", roomId });
    emit({ type: "system", text: roomGoneNotice(message, wasActive) });
  };
  socket.on("room:deleted", gone);
  socket.on("room:kicked", gone);
  const membership = (verb: "joined" | "left") => (data: { roomId: string; user: { id: string; displayName: string }; memberCount: number }) => {
    dispatch({ type: "member-count", roomId: data.roomId, memberCount: data.memberCount });
    const room = store?.rooms[data.roomId];
    if (room && room.kind !== "dm" && data.user.id !== meId())
      emit({ type: "system", text: `${data.user.displayName} ${verb} #${room.name}`, room, meId: meId() });
  };
  socket.on("room:member-joined", membership("joined"));
  socket.on("room:member-left", membership("left"));
  socket.on("presence:online", ({ user }) => user.id !== meId() && emit({ type: "system", text: presenceNotice("online", user.displayName).line }));
  socket.on("presence:offline", ({ user }) => user.id !== meId() && emit({ type: "system", text: presenceNotice("offline", user.displayName).line }));
  socket.on("server:shutdown", ({ message }) => emit({ type: "system", text: message }));
  socket.on("moderation:notice", ({ message }) => emit({ type: "system", text: message }));
  socket.on("session:ended", ({ message, note }) => deps.fatal({ kind: "ended", text: note ? `${message} — ${note}` : message }));
  socket.on("error:event", ({ error }) => emit({ type: "error", text: error.message }));

  return {
    ask,
    firstLoad,
    get me() {
      return me;
    },
    get store() {
      return store;
    },
    dispatch,
    load,
    markRead: (roomId: string) => markRead(new Set([roomId])),
    /** Queues a message for the room (default: the one in use); the outbox sends it in turn. */
    send(body: string, options: SendOptions = {}, roomId = store?.activeId): void {
      if (!store || !me || !roomId) return;
      dispatch({ type: "stream", roomId, action: { type: "pending", item: newPending(body, options, me) } });
    },
    /** Nothing queued or on the wire. */
    settled(): boolean {
      if (!store) return true;
      return Object.values(store.streams).every((s) => s.items.every((i) => i.kind !== "pending" || i.status === "failed"));
    },
    start(): void {
      socket.connect();
    },
    stop(): void {
      stopped = true;
      socket.disconnect();
    },
  };
}

export type ChatClient = ReturnType<typeof createChatClient>;
