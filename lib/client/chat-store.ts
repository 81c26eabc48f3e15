import type { ChatAction, ChatState } from "@/lib/client/chat-state";
import { chatReducer, emptyChat } from "@/lib/client/chat-state";
import type { JoinRoomResult } from "@/lib/shared/events";
import type { FirstHistory } from "@/lib/server/services/first-history";
import type { ChatMessage, MyRoom, PublicUser, RoomSummary } from "@/lib/shared/types";

/** Every room the user belongs to, each with its own stream; one of them is on screen. */
export interface ChatStore {
  /** #general: where the user lands and is sent back to when a room goes away. */
  homeId: string;
  activeId: string;
  rooms: Record<string, MyRoom>;
  streams: Record<string, ChatState>;
}

export type StoreAction =
  /** The server's list (room:mine): replaces summaries and unread counts. */
  | { type: "rooms"; rooms: MyRoom[] }
  | { type: "upsert"; room: RoomSummary | MyRoom }
  | { type: "remove"; roomId: string }
  | { type: "activate"; roomId: string }
  /** A room:join answer; `catchUp` when it only carries what came after the stream's last id. */
  | { type: "joined"; result: JoinRoomResult; catchUp: boolean }
  /** `seen`: the room is on screen in a visible tab, so the message does not count as unread. */
  | { type: "message"; message: ChatMessage; meId: string; seen: boolean }
  | { type: "read"; roomId: string }
  | { type: "member-count"; roomId: string; memberCount: number }
  /** Someone changed their name or avatar (`user:updated`): conversations named after them follow. */
  | { type: "user-updated"; user: Pick<PublicUser, "id" | "displayName" | "avatarUrl"> }
  | { type: "stream"; roomId: string; action: ChatAction }
  /** The socket dropped: every room's unanswered sends go back in the queue. */
  | { type: "connection-lost" };

/**
 * `first`: the home room's newest page as the server rendered it, so the list shows it
 * at once; the socket's room:join then only catches up from its last message.
 */
export function createStore(home: RoomSummary, first?: FirstHistory | null): ChatStore {
  const room = first?.room.id === home.id ? first : null;
  return {
    homeId: home.id,
    activeId: home.id,
    rooms: { [home.id]: room ? room.room : { ...home, unread: 0, lastReadId: 0 } },
    streams: room ? { [home.id]: chatReducer(emptyChat, { type: "reset", messages: room.messages, hasMore: room.hasMore, changeSeq: room.changeSeq }) } : {},
  };
}

const withRoom = (store: ChatStore, room: MyRoom): ChatStore => ({ ...store, rooms: { ...store.rooms, [room.id]: room } });

function withStream(store: ChatStore, roomId: string, action: ChatAction): ChatStore {
  const before = store.streams[roomId] ?? emptyChat;
  const after = chatReducer(before, action);
  return after === before ? store : { ...store, streams: { ...store.streams, [roomId]: after } };
}

export function storeReducer(store: ChatStore, action: StoreAction): ChatStore {
  switch (action.type) {
    case "rooms": {
      const rooms = Object.fromEntries(action.rooms.map((r) => [r.id, r]));
      // The room on screen stays even if the list raced its creation.
      const active = store.rooms[store.activeId];
      if (!rooms[store.activeId] && active) rooms[store.activeId] = active;
      return { ...store, rooms };
    }
    case "upsert": {
      const old = store.rooms[action.room.id];
      const unread = "unread" in action.room ? action.room.unread : (old?.unread ?? 0);
      const lastReadId = "lastReadId" in action.room ? action.room.lastReadId : (old?.lastReadId ?? 0);
      return withRoom(store, { ...old, ...action.room, participants: action.room.participants ?? old?.participants, unread, lastReadId });
    }
    case "remove": {
      if (!store.rooms[action.roomId] || action.roomId === store.homeId) return store;
      const { [action.roomId]: _gone, ...rooms } = store.rooms;
      const { [action.roomId]: _stream, ...streams } = store.streams;
      return { ...store, rooms, streams, activeId: store.activeId === action.roomId ? store.homeId : store.activeId };
    }
    case "activate":
      return store.rooms[action.roomId] ? { ...store, activeId: action.roomId } : store;
    case "joined": {
      const { room, messages, hasMore, caughtUp, changeSeq, changed = [] } = action.result;
      const upserted = storeReducer(store, { type: "upsert", room });
      if (!(action.catchUp && caughtUp)) return withStream(upserted, room.id, { type: "reset", messages, hasMore, changeSeq });
      // What came after the last message, then what changed among the earlier ones.
      // A catch-up answer is everything after the stream's last message: a window into history (hasNewer) is whole again too.
      const appended = withStream(upserted, room.id, { type: "append-newer", messages, hasNewer: false });
      return withStream(withStream(appended, room.id, { type: "updated", messages: changed, changeSeq }), room.id, { type: "caught-up" });
    }
    case "message": {
      const { message } = action;
      const room = store.rooms[message.roomId];
      if (!room) return store;
      // Already here (a message sent again after a node was lost): nothing new to count.
      if (store.streams[message.roomId]?.seen.has(message.id)) return store;
      // Only streams already loaded take live messages; the rest load on their first visit.
      const next = store.streams[message.roomId]?.loaded ? withStream(store, message.roomId, { type: "append", messages: [message] }) : store;
      const own = message.author.id === action.meId;
      const onScreen = message.roomId === store.activeId && action.seen;
      if (own || onScreen || message.id <= room.lastReadId) return next;
      const mentioned = mentionsUser(message, action.meId);
      return withRoom(next, { ...room, unread: room.unread + 1, ...(mentioned ? { mentions: (room.mentions ?? 0) + 1 } : {}) });
    }
    case "read": {
      const room = store.rooms[action.roomId];
      if (!room) return store;
      const lastReadId = Math.max(room.lastReadId, store.streams[action.roomId]?.lastId ?? 0);
      if (room.unread === 0 && !room.mentions && lastReadId === room.lastReadId) return store;
      return withRoom(store, { ...room, unread: 0, mentions: 0, lastReadId });
    }
    case "member-count": {
      const room = store.rooms[action.roomId];
      return room && room.memberCount !== action.memberCount ? withRoom(store, { ...room, memberCount: action.memberCount }) : store;
    }
    case "user-updated": {
      const { id, displayName, avatarUrl } = action.user;
      let rooms: Record<string, MyRoom> | null = null;
      for (const room of Object.values(store.rooms)) {
        if (!room.participants?.some((p) => p.id === id)) continue;
        const participants = room.participants.map((p) => (p.id === id ? { ...p, displayName, ...(avatarUrl !== undefined ? { avatarUrl } : {}) } : p));
        rooms ??= { ...store.rooms };
        rooms[room.id] = { ...room, participants };
      }
      return rooms ? { ...store, rooms } : store;
    }
    case "stream":
      return store.rooms[action.roomId] ? withStream(store, action.roomId, action.action) : store;
    case "connection-lost":
      return Object.keys(store.streams).reduce((s, roomId) => withStream(s, roomId, { type: "connection-lost" }), store);
  }
}

/** The message addresses this user (an `@name`, or an `@here` while they were online). */
export const mentionsUser = (message: ChatMessage, userId: string): boolean => !!message.mentions?.userIds.includes(userId);

export const activeRoom = (store: ChatStore): MyRoom | undefined => store.rooms[store.activeId];
export const activeStream = (store: ChatStore): ChatState => store.streams[store.activeId] ?? emptyChat;

export function totalUnread(store: ChatStore): number {
  return Object.values(store.rooms).reduce((sum, r) => sum + r.unread, 0);
}

/** The sidebar: rooms A–Z with #general first, and direct messages. */
export function sidebarSections(store: ChatStore): { rooms: MyRoom[]; dms: MyRoom[] } {
  const all = Object.values(store.rooms);
  const rooms = all.filter((r) => r.kind !== "dm").sort((a, b) => (a.id === store.homeId ? -1 : b.id === store.homeId ? 1 : a.name.localeCompare(b.name)));
  const dms = all.filter((r) => r.kind === "dm").sort((a, b) => a.name.localeCompare(b.name));
  return { rooms, dms };
}

/** A DM is named after the other people in it. */
export function conversationTitle(room: Pick<RoomSummary, "kind" | "name" | "participants">, meId: string): string {
  if (room.kind !== "dm") return `# ${room.name}`;
  const others = (room.participants ?? []).filter((p: PublicUser) => p.id !== meId);
  return others.length ? others.map((p) => p.displayName).join(", ") : "Just you";
}
