import type { ErrorBody } from "@/lib/errors";
import type { ChatMessage, PublicUser, RoomSummary, SessionUser } from "@/lib/types";

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
}

export interface ClientToServerEvents {
  "room:join": (payload: unknown, ack: AckFn<JoinRoomResult>) => void;
  "message:send": (payload: unknown, ack: AckFn<ChatMessage>) => void;
  "message:history": (payload: unknown, ack: AckFn<{ messages: ChatMessage[]; hasMore: boolean }>) => void;
  "presence:list": (payload: unknown, ack: AckFn<{ users: PublicUser[] }>) => void;
  "typing:start": (payload: unknown, ack?: AckFn<null>) => void;
  "typing:stop": (payload: unknown, ack?: AckFn<null>) => void;
}

export interface ServerToClientEvents {
  "session:ready": (data: { user: SessionUser }) => void;
  "message:new": (message: ChatMessage) => void;
  "presence:online": (data: { user: PublicUser; count: number }) => void;
  "presence:offline": (data: { user: PublicUser; count: number }) => void;
  "typing:update": (data: { roomId: string; user: PublicUser; typing: boolean }) => void;
  "server:shutdown": (data: { seconds: number; message: string }) => void;
  "error:event": (data: { event: string; error: ErrorBody }) => void;
}

export type InterServerEvents = Record<string, never>;

export interface SocketData {
  user: SessionUser;
  /** Last typing:start relayed, to drop floods from a misbehaving client. */
  lastTypingAt: number;
}

export const roomChannel = (roomId: string) => `room:${roomId}`;
export const userChannel = (userId: string) => `user:${userId}`;
