import "server-only";
import { randomBytes } from "node:crypto";

/**
 * Who is in each secret room, and nothing else: no message, no key, nothing on disk.
 * One node's memory here; secret-rooms.redis.ts shares it between nodes. A member is
 * a person (their tabs share one alias); they leave when their last connection does,
 * and the room ends when its last member leaves.
 */
export interface SecretRoomStore {
  create(roomId: string, creatorId: string): Promise<void>;
  join(roomId: string, member: { userId: string; alias: string; connectionId: string }, memberLimit: number): Promise<JoinOutcome>;
  /** One connection closed (tab closed, network lost); the member leaves with their last one. */
  dropConnection(roomId: string, userId: string, connectionId: string): Promise<LeaveOutcome>;
  /** The member leaves with all their connections (/exit; /kick with `kicked`: they can't join again). */
  leave(roomId: string, userId: string, options?: { kicked?: boolean }): Promise<LeaveOutcome>;
  /** The room as it is, or null when it ended (or never was). */
  get(roomId: string): Promise<SecretRoomState | null>;
  /** /stop: the room is gone at once; answers who was in it. */
  end(roomId: string): Promise<SecretRoomState | null>;
  /** This node's connections are still open (Redis forgets a crashed node's after a while). */
  heartbeat(roomId: string, connections: { userId: string; connectionId: string }[]): Promise<void>;
}

export type JoinOutcome = { kind: "joined" | "again"; alias: string } | { kind: "gone" } | { kind: "alias-taken" } | { kind: "full" } | { kind: "barred" };
/** `left`: the alias of the member who left (null: they still have a connection there). */
export type LeaveOutcome = { left: string | null; ended: boolean };
export interface SecretRoomState {
  creatorId: string;
  members: { userId: string; alias: string }[];
}

/** A room nobody joins, or whose nodes all died, is forgotten after this long. */
export const SECRET_ROOM_IDLE_MS = 10 * 60_000;

/** 128 random bits: unguessable, and carrying nothing about who made it. */
export const newSecretRoomId = () => randomBytes(16).toString("base64url");

/** Aliases are unique per room regardless of case. */
export const aliasKey = (alias: string) => alias.normalize("NFC").toLocaleLowerCase("en");

interface MemoryRoom {
  creatorId: string;
  createdAt: number;
  joined: boolean;
  kicked: Set<string>;
  members: Map<string, { alias: string; connections: Set<string> }>;
}

export function createMemorySecretRooms(now: () => number = Date.now): SecretRoomStore {
  const rooms = new Map<string, MemoryRoom>();
  const live = (roomId: string) => {
    const room = rooms.get(roomId);
    if (room && !room.joined && now() - room.createdAt > SECRET_ROOM_IDLE_MS) {
      rooms.delete(roomId);
      return undefined;
    }
    return room;
  };
  const state = (room: MemoryRoom): SecretRoomState => ({
    creatorId: room.creatorId,
    members: [...room.members].map(([userId, m]) => ({ userId, alias: m.alias })),
  });
  const afterLeave = (roomId: string, room: MemoryRoom, left: string | null): LeaveOutcome => {
    if (room.members.size > 0) return { left, ended: false };
    rooms.delete(roomId);
    return { left, ended: true };
  };

  return {
    async create(roomId, creatorId) {
      if (rooms.size > 10_000) for (const id of rooms.keys()) live(id);
      rooms.set(roomId, { creatorId, createdAt: now(), joined: false, kicked: new Set(), members: new Map() });
    },
    async join(roomId, { userId, alias, connectionId }, memberLimit) {
      const room = live(roomId);
      if (!room) return { kind: "gone" };
      if (room.kicked.has(userId)) return { kind: "barred" };
      const mine = room.members.get(userId);
      if (mine) {
        mine.connections.add(connectionId);
        return { kind: "again", alias: mine.alias };
      }
      const key = aliasKey(alias);
      if ([...room.members.values()].some((m) => aliasKey(m.alias) === key)) return { kind: "alias-taken" };
      if (room.members.size >= memberLimit) return { kind: "full" };
      room.members.set(userId, { alias, connections: new Set([connectionId]) });
      room.joined = true;
      return { kind: "joined", alias };
    },
    async dropConnection(roomId, userId, connectionId) {
      const room = live(roomId);
      const member = room?.members.get(userId);
      if (!room || !member?.connections.delete(connectionId)) return { left: null, ended: false };
      if (member.connections.size > 0) return { left: null, ended: false };
      room.members.delete(userId);
      return afterLeave(roomId, room, member.alias);
    },
    async leave(roomId, userId, options = {}) {
      const room = live(roomId);
      const member = room?.members.get(userId);
      if (!room || !member) return { left: null, ended: false };
      if (options.kicked) room.kicked.add(userId);
      room.members.delete(userId);
      return afterLeave(roomId, room, member.alias);
    },
    async get(roomId) {
      const room = live(roomId);
      return room ? state(room) : null;
    },
    async end(roomId) {
      const room = live(roomId);
      rooms.delete(roomId);
      return room ? state(room) : null;
    },
    async heartbeat() {},
  };
}
