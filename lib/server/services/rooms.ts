import "server-only";
import type { ClusterBus } from "@/lib/server/cluster/bus";
import { createLocalBus } from "@/lib/server/cluster/bus";
import type { Db } from "@/lib/server/db/client";
import { containsIgnoringCase } from "@/lib/server/db/text-filters";
import { AppError } from "@/lib/shared/errors";
import type { CreateRoomInput, UpdateRoomInput } from "@/lib/shared/schemas/rooms";
import { memberLimitTooLow } from "@/lib/shared/schemas/rooms";
import type { PasswordHasher } from "@/lib/server/services/passwords";
import type { RoomKind, RoomSummary, SessionUser } from "@/lib/shared/types";
import { upsertRacing } from "@/lib/server/db/upsert";

export const DEFAULT_ROOM_NAME = "general";

/** What the hot path needs to know about a room, cached in memory. */
export interface RoomRecord {
  id: string;
  name: string;
  description: string;
  kind: RoomKind;
  memberLimit: number;
  slowModeSeconds: number;
  ownerId: string | null;
  passwordHash: string | null;
  /** Its owner's switch for link preview cards (the server-wide setting can still turn them off). */
  linkPreviews: boolean;
}

type RoomRow = Omit<RoomRecord, "kind" | "linkPreviews"> & { kind: string; linkPreviews?: boolean };

export const isStaff = (user: { role: string }) => user.role === "moderator" || user.role === "admin";

export function toSummary(room: Omit<RoomRecord, "linkPreviews"> & { linkPreviews?: boolean }, memberCount: number): RoomSummary {
  return {
    id: room.id,
    name: room.name,
    description: room.description,
    kind: room.kind,
    memberLimit: room.memberLimit,
    slowModeSeconds: room.slowModeSeconds,
    memberCount,
    ownerId: room.ownerId,
    hasPassword: room.passwordHash !== null,
    linkPreviews: room.linkPreviews ?? true,
  };
}

function toRecord(row: RoomRow): RoomRecord {
  const kind = (["public", "private", "hidden", "dm"] as const).find((k) => k === row.kind) ?? "public";
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    kind,
    memberLimit: row.memberLimit,
    slowModeSeconds: row.slowModeSeconds,
    ownerId: row.ownerId,
    passwordHash: row.passwordHash,
    linkPreviews: row.linkPreviews ?? true,
  };
}

const roomSelect = {
  id: true,
  name: true,
  description: true,
  kind: true,
  memberLimit: true,
  slowModeSeconds: true,
  ownerId: true,
  passwordHash: true,
  linkPreviews: true,
} as const;

/** `bus`: other nodes drop their cached copy when a room changes here (see lib/server/cluster/bus.ts). */
export function createRoomService(deps: { db: Db; passwords: PasswordHasher; bus?: ClusterBus }) {
  const { db, passwords } = deps;
  const bus = deps.bus ?? createLocalBus();
  const cache = new Map<string, RoomRecord>();
  bus.subscribe((event) => {
    if (event.kind === "all") cache.clear();
    else if (event.kind === "room") cache.delete(event.roomId);
  });
  const remember = (row: RoomRow) => {
    const record = toRecord(row);
    cache.set(record.id, record);
    return record;
  };

  const service = {
    /** Creates #general on first start; idempotent. */
    async ensureDefaultRoom(): Promise<RoomRecord> {
      // Nodes starting together on a fresh PostgreSQL database race to create it.
      const row = await upsertRacing(() =>
        db.room.upsert({
          where: { name: DEFAULT_ROOM_NAME },
          update: {},
          create: { name: DEFAULT_ROOM_NAME, description: "Everyone's here. Say hi!" },
          select: roomSelect,
        }),
      );
      return remember(row);
    },

    async getRoom(id: string): Promise<RoomRecord> {
      const cached = cache.get(id);
      if (cached) return cached;
      const row = await db.room.findUnique({ where: { id }, select: roomSelect });
      if (!row) throw new AppError("NOT_FOUND", "That room does not exist (it may have been deleted).");
      return remember(row);
    },

    async findByName(name: string): Promise<RoomRecord | null> {
      const row = await db.room.findUnique({ where: { name }, select: roomSelect });
      return row ? remember(row) : null;
    },

    forget(id: string): void {
      cache.delete(id);
    },

    async memberCount(roomId: string): Promise<number> {
      return db.roomMember.count({ where: { roomId } });
    },

    async summary(roomId: string): Promise<RoomSummary> {
      return toSummary(await service.getRoom(roomId), await service.memberCount(roomId));
    },

    async create(owner: SessionUser, input: CreateRoomInput): Promise<RoomSummary> {
      if (await db.room.findUnique({ where: { name: input.name }, select: { id: true } })) {
        throw new AppError("CONFLICT", `A room named #${input.name} already exists`, { name: `A room named #${input.name} already exists` });
      }
      const passwordHash = input.password ? await passwords.hash(input.password) : null;
      try {
        const row = await db.room.create({
          data: {
            name: input.name,
            description: input.description,
            kind: input.kind,
            passwordHash,
            memberLimit: input.memberLimit,
            ownerId: owner.id,
            members: { create: { userId: owner.id } },
          },
          select: roomSelect,
        });
        return toSummary(remember(row), 1);
      } catch (error) {
        if ((error as { code?: string }).code === "P2002") throw new AppError("CONFLICT", `A room named #${input.name} already exists`);
        throw error;
      }
    },

    /** Owner (or staff) changes description, password, limit, slow mode or link previews. */
    async update(actor: SessionUser, input: UpdateRoomInput): Promise<RoomSummary> {
      const room = await service.getRoom(input.roomId);
      service.assertCanManage(actor, room);
      const data: {
        description?: string;
        passwordHash?: string | null;
        kind?: string;
        memberLimit?: number;
        slowModeSeconds?: number;
        linkPreviews?: boolean;
      } = {};
      if (input.description !== undefined) data.description = input.description;
      if (input.linkPreviews !== undefined) data.linkPreviews = input.linkPreviews;
      if (input.slowModeSeconds !== undefined) data.slowModeSeconds = input.slowModeSeconds;
      if (input.memberLimit !== undefined) {
        const tooLow = memberLimitTooLow(input.memberLimit, await service.memberCount(room.id));
        if (tooLow) throw new AppError("VALIDATION", tooLow, { memberLimit: tooLow });
        data.memberLimit = input.memberLimit;
      }
      if (input.password !== undefined) {
        data.passwordHash = input.password === null ? null : await passwords.hash(input.password);
        if (room.kind !== "hidden") data.kind = input.password === null ? "public" : "private";
      }
      const row = await db.room.update({ where: { id: room.id }, data, select: roomSelect }).catch((error: { code?: string }) => {
        if (error.code !== "P2025") throw error;
        cache.delete(room.id);
        throw new AppError("NOT_FOUND", "That room does not exist (it may have been deleted).");
      });
      bus.publish({ kind: "room", roomId: room.id });
      return toSummary(remember(row), await service.memberCount(room.id));
    },

    /** Returns the ids of the members, who must be told and moved to #general. */
    async remove(actor: SessionUser, roomId: string): Promise<{ room: RoomRecord; memberIds: string[] }> {
      const room = await service.getRoom(roomId);
      if (room.name === DEFAULT_ROOM_NAME) throw new AppError("FORBIDDEN", "#general can't be deleted.");
      service.assertCanManage(actor, room);
      const members = await db.roomMember.findMany({ where: { roomId }, select: { userId: true } });
      // deleteMany: a second delete of the same room (two clicks, two moderators) finds nothing.
      const { count } = await db.room.deleteMany({ where: { id: roomId } });
      bus.publish({ kind: "room", roomId });
      if (count === 0) throw new AppError("NOT_FOUND", "That room does not exist (it may have been deleted).");
      return { room, memberIds: members.map((m) => m.userId) };
    },

    assertCanManage(actor: SessionUser, room: RoomRecord): void {
      if (room.kind === "dm") throw new AppError("FORBIDDEN", "Direct conversations have no owner to manage them.");
      if (room.ownerId !== actor.id && !isStaff(actor)) {
        throw new AppError("FORBIDDEN", `Only the owner of #${room.name} or a moderator can do that.`);
      }
    },

    /** The room browser: public and private rooms, never hidden ones or DMs. */
    async list(query: string): Promise<RoomSummary[]> {
      const q = query.toLowerCase();
      const rows = await db.room.findMany({
        where: { kind: { in: ["public", "private"] }, ...(q ? { OR: [{ name: { contains: q } }, { description: containsIgnoringCase(db, q) }] } : {}) },
        select: { ...roomSelect, _count: { select: { members: true } } },
        orderBy: { name: "asc" },
        take: 200,
      });
      return rows.map((row) => toSummary(remember(row), row._count.members));
    },
  };
  return service;
}

export type RoomService = ReturnType<typeof createRoomService>;
