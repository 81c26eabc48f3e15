import type { ErrorBody } from "@/lib/shared/errors";
import type { PublicProfile as ProfileCard } from "@/lib/shared/schemas/profile";
import type { SecretEnvelopeInput } from "@/lib/shared/schemas/secret-rooms";
import type { AckData, ClientEvent, EventPayload, FireAndForgetEvent } from "@/lib/shared/protocol";
import type { ChatMessage, Delivery, MyRoom, PublicUser, RoomSummary, SessionUser } from "@/lib/shared/types";

/** What a moderator wrote when ending someone's session, and when a ban ends. */
export type SessionEndDetail = { note: string; until: string | null };

/** Every client→server event answers through one of these. */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: ErrorBody };
export type AckFn<T> = (response: Ack<T>) => void;

export interface JoinRoomResult {
  room: RoomSummary;
  messages: ChatMessage[];
  /** Older history exists before the first message returned. */
  hasMore: boolean;
  /** False when the client asked to catch up but missed too much: it should start over from `messages`. */
  caughtUp: boolean;
  /**
   * The room's change number when this answer was read: send it back as `afterChange`
   * to catch up on edits, deletions and reactions made after it.
   */
  changeSeq: number;
  /** A catch-up (`caughtUp`): earlier messages changed after `afterChange`, as they are now. */
  changed?: ChatMessage[];
}

/**
 * The sender's ack for a message; `delivery` is set for direct messages. `duplicate`:
 * the clientId was stored before and this is that message (maybe `removed`); it was
 * not broadcast again.
 */
export type SentMessage = ChatMessage & { delivery?: Delivery[]; duplicate?: true };

/** An event's listener as socket.io sees it: the payload a client sends, then the ack (optional for fire-and-forget events). */
type ClientEmit<E extends ClientEvent> = E extends FireAndForgetEvent
  ? (payload: EventPayload<E>, ack?: AckFn<AckData<E>>) => void
  : (payload: EventPayload<E>, ack: AckFn<AckData<E>>) => void;

/** Derived from the protocol table (lib/shared/protocol.ts): one entry per event, typed by its schema. */
export type ClientToServerEvents = { [E in ClientEvent]: ClientEmit<E> };

export interface ServerToClientEvents {
  "session:ready": (data: { user: SessionUser }) => void;
  "message:new": (message: ChatMessage) => void;
  "presence:online": (data: { user: PublicUser; count: number }) => void;
  "presence:offline": (data: { user: PublicUser; count: number }) => void;
  "typing:update": (data: { roomId: string; user: PublicUser; typing: boolean }) => void;
  "server:shutdown": (data: { seconds: number; message: string }) => void;
  /**
   * This browser session was ended by the server (idle timeout, logout elsewhere in
   * this browser, a moderator). `message` is the sentence to show; kicks and bans
   * also carry what the moderator wrote and, for a ban, its end (ISO; null: permanent).
   */
  "session:ended": (data: { reason: "idle" | "logout" | "kicked" | "banned"; message: string } & Partial<SessionEndDetail>) => void;
  "room:added": (room: MyRoom) => void;
  /** Someone changed their display name, status or avatar. */
  "user:updated": (profile: ProfileCard) => void;
  /** A moderator acted on this user (ban, timeout, kick, role change): show the sentence. */
  "moderation:notice": (data: ModerationNotice) => void;
  /**
   * A message changed (edited, deleted by its author or a moderator, a reaction added or
   * taken back): the whole message as it is now. Keep it if its `changeSeq` is newer.
   */
  "message:updated": (message: ChatMessage) => void;
  "room:updated": (room: RoomSummary) => void;
  "room:deleted": (data: { roomId: string; name: string; message: string }) => void;
  "room:kicked": (data: { roomId: string; name: string; message: string }) => void;
  "room:member-joined": (data: { roomId: string; user: PublicUser; memberCount: number }) => void;
  "room:member-left": (data: { roomId: string; user: PublicUser; memberCount: number }) => void;
  "error:event": (data: { event: string; error: ErrorBody }) => void;
  /**
   * Several nodes: this node lost Redis, so messages from other nodes stop arriving live.
   * Note where each open conversation stands; on `cluster:resync` catch up from there.
   */
  "cluster:degraded": () => void;
  "cluster:resync": () => void;
  /** A secret room's message: `envelope` is AES-GCM ciphertext only members' browsers can open. */
  "secret:message": (data: { roomId: string; from: string; envelope: SecretEnvelopeInput; at: string }) => void;
  /** `/purr`: sent only to the sockets of the member `to`. */
  "secret:whisper": (data: { roomId: string; from: string; to: string; envelope: SecretEnvelopeInput; at: string }) => void;
  "secret:joined": (data: { roomId: string; alias: string }) => void;
  "secret:left": (data: { roomId: string; alias: string; reason: "left" | "kicked" | "disconnected" }) => void;
  /** This person was removed by the room's creator. */
  "secret:kicked": (data: { roomId: string; message: string }) => void;
  /** The room is gone (its creator stopped it): clear it from the screen. */
  "secret:ended": (data: { roomId: string; message: string }) => void;
}

/** A moderator acted on this user; a role change carries the new role, so the page can follow it. */
export type ModerationNotice = { kind: "ban" | "timeout" | "kick" | "logout"; message: string } | { kind: "role"; message: string; role: SessionUser["role"] };

export type InterServerEvents = Record<string, never>;

export interface SocketData {
  user: SessionUser;
  /** The browser session (next-auth JWT `sid`) this socket belongs to. */
  sessionId: string;
  /** The address the handshake came from (connection caps per address). */
  ip: string;
}

const roomChannels = new Map<string, string>();
const MAX_INTERNED_ROOM_CHANNELS = 50_000;

/**
 * Interned: the adapter stores the name a socket joins with in that socket's own set,
 * so thousands of sockets in #general would otherwise each keep a copy of the string.
 */
export function roomChannel(roomId: string): string {
  let channel = roomChannels.get(roomId);
  if (channel === undefined) {
    if (roomChannels.size >= MAX_INTERNED_ROOM_CHANNELS) roomChannels.clear();
    channel = `room:${roomId}`;
    roomChannels.set(roomId, channel);
  }
  return channel;
}
export const userChannel = (userId: string) => `user:${userId}`;
export const sessionChannel = (sessionId: string) => `session:${sessionId}`;
/** Every socket in a secret room. */
export const secretChannel = (roomId: string) => `secret:${roomId}`;
/** One member's sockets in a secret room (`/purr` goes here only). */
export const secretMemberChannel = (roomId: string, userId: string) => `secret:${roomId}:${userId}`;
