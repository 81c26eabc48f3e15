import "server-only";
import type { Db } from "@/lib/server/db/client";
import { providerOf } from "@/lib/server/db/client";
import { isForeignKeyViolation } from "@/lib/server/db/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/shared/errors";
import type { EnterRoomInput } from "@/lib/shared/schemas/rooms";
import { createKeyedLock } from "@/lib/server/services/keyed-lock";
import type { PasswordHasher } from "@/lib/server/services/passwords";
import type { RoomRecord, RoomService } from "@/lib/server/services/rooms";
import { DEFAULT_ROOM_NAME, isStaff, toSummary } from "@/lib/server/services/rooms";
import type { MyRoom, PublicUser, RoomMemberInfo, SessionUser } from "@/lib/shared/types";
import { upsertRacing } from "@/lib/server/db/upsert";
import { mentionNeedle } from "@/lib/server/services/mentions";

const userSelect = { id: true, username: true, displayName: true } as const;

export function createMembershipService(deps: { db: Db; rooms: RoomService; passwords: PasswordHasher }) {
  const { db, rooms, passwords } = deps;
  const withLock = createKeyedLock();

  /**
   * The keyed lock orders joins within this process, which is all of them on SQLite.
   * On PostgreSQL other nodes join too: the room row is locked until the join commits,
   * so the count and the insert of one join never interleave with another node's.
   * FOR NO KEY UPDATE, not FOR UPDATE: joins exclude each other, but the foreign-key
   * check of a membership inserted elsewhere (a socket's #general upsert) still passes.
   * FOR UPDATE blocked that check while the join waited on the same membership key:
   * a deadlock, seen under load in the PostgreSQL suite.
   */
  function withRoomRowLock<T>(roomId: string, task: (q: Prisma.TransactionClient) => Promise<T>): Promise<T> {
    if (providerOf(db) !== "postgresql") return task(db);
    return db.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT 1 FROM "Room" WHERE "id" = ${roomId} FOR NO KEY UPDATE`;
      return task(tx);
    });
  }

  async function isMember(roomId: string, userId: string): Promise<boolean> {
    return !!(await db.roomMember.findUnique({ where: { roomId_userId: { roomId, userId } }, select: { userId: true } }));
  }

  const service = {
    isMember,

    /**
     * Resolves the room and makes the user a member if they are not one yet:
     * password for protected rooms, the exact name for hidden ones, and the member
     * limit checked and written under one lock so concurrent joins cannot overshoot.
     */
    async enter(user: SessionUser, input: EnterRoomInput): Promise<{ room: RoomRecord; joined: boolean; memberCount: number }> {
      let room: RoomRecord | null = null;
      if (input.roomId) room = await rooms.getRoom(input.roomId).catch(() => null);
      else if (input.name) room = await rooms.findByName(input.name);
      if (room && (await isMember(room.id, user.id))) return { room, joined: false, memberCount: await rooms.memberCount(room.id) };
      // Hidden rooms and DMs behave as if they did not exist to outsiders who use an id.
      if (!room || room.kind === "dm" || (room.kind === "hidden" && !input.name)) {
        throw new AppError("NOT_FOUND", input.name ? `There is no room named #${input.name}` : "That room does not exist (it may have been deleted).");
      }
      if (room.passwordHash) {
        if (!input.password) throw new AppError("FORBIDDEN", `#${room.name} is private — enter its password to join`, { password: "Enter the room password" });
        if (!(await passwords.verify(room.passwordHash, input.password))) {
          throw new AppError("FORBIDDEN", `Wrong password for #${room.name}`, { password: "Wrong password" });
        }
      }
      const target = room;
      try {
        return await withLock(target.id, () =>
          withRoomRowLock(target.id, async (q) => {
            const count = await q.roomMember.count({ where: { roomId: target.id } });
            if (target.memberLimit > 0 && count >= target.memberLimit) {
              throw new AppError("CONFLICT", `Room is full (${count}/${target.memberLimit})`);
            }
            await q.roomMember.create({ data: { roomId: target.id, userId: user.id } });
            return { room: target, joined: true, memberCount: count + 1 };
          }),
        );
      } catch (error) {
        const code = (error as { code?: string }).code;
        // The room was deleted between the lookup and the insert (found by the socket fuzzer).
        if (isForeignKeyViolation(error)) throw new AppError("NOT_FOUND", "That room does not exist (it may have been deleted).");
        // Made a member meanwhile by another path (another tab, a new socket's #general
        // membership, another node): the join is done, not failed.
        if (code === "P2002") return { room: target, joined: false, memberCount: await rooms.memberCount(target.id) };
        throw error;
      }
    },

    async ensureDefaultMembership(userId: string, defaultRoomId: string): Promise<void> {
      // Two tabs (or nodes) of one person connecting at once race here on PostgreSQL.
      await upsertRacing(() =>
        db.roomMember.upsert({ where: { roomId_userId: { roomId: defaultRoomId, userId } }, update: {}, create: { roomId: defaultRoomId, userId } }),
      );
    },

    async leave(user: SessionUser, roomId: string): Promise<{ room: RoomRecord; memberCount: number }> {
      const room = await rooms.getRoom(roomId);
      if (room.name === DEFAULT_ROOM_NAME) throw new AppError("FORBIDDEN", "Everyone stays in #general — you can't leave it.");
      const { count } = await db.roomMember.deleteMany({ where: { roomId, userId: user.id } });
      if (count === 0) throw new AppError("NOT_FOUND", `You are not in #${room.name}.`);
      return { room, memberCount: await rooms.memberCount(roomId) };
    },

    async kick(actor: SessionUser, roomId: string, username: string): Promise<{ room: RoomRecord; target: PublicUser; memberCount: number }> {
      const room = await rooms.getRoom(roomId);
      if (room.kind === "dm" || (room.ownerId !== actor.id && !isStaff(actor))) {
        throw new AppError("FORBIDDEN", `Only the owner of #${room.name} or a moderator can kick people from it.`);
      }
      const target = await db.user.findUnique({ where: { username }, select: { ...userSelect, role: true } });
      if (!target) throw new AppError("NOT_FOUND", `No user named ${username}`);
      if (!(await isMember(roomId, target.id))) throw new AppError("NOT_FOUND", `${username} is not in #${room.name}.`);
      if (target.id === actor.id) throw new AppError("VALIDATION", "You can't kick yourself — use /leave.");
      if (target.id === room.ownerId || (isStaff(target) && !isStaff(actor)))
        throw new AppError("FORBIDDEN", `${target.displayName} can't be kicked from #${room.name}.`);
      if (room.name === DEFAULT_ROOM_NAME)
        throw new AppError("FORBIDDEN", "Nobody can be kicked from #general; moderators can kick people off Parley instead.");
      await db.roomMember.delete({ where: { roomId_userId: { roomId, userId: target.id } } });
      return { room, target: { id: target.id, username: target.username, displayName: target.displayName }, memberCount: await rooms.memberCount(roomId) };
    },

    async memberRoomIds(userId: string): Promise<string[]> {
      const rows = await db.roomMember.findMany({ where: { userId }, select: { roomId: true } });
      return rows.map((r) => r.roomId);
    },

    /**
     * Every room and DM of the user, with #general always among them. One read per
     * connection; the write (and its fsync) happens only for a user who is not yet in
     * #general, instead of an upsert on every connect.
     */
    async roomIdsWithDefault(userId: string, defaultRoomId: string): Promise<string[]> {
      const ids = await service.memberRoomIds(userId);
      if (ids.includes(defaultRoomId)) return ids;
      await service.ensureDefaultMembership(userId, defaultRoomId);
      return [...ids, defaultRoomId];
    },

    async memberIds(roomId: string): Promise<string[]> {
      const rows = await db.roomMember.findMany({ where: { roomId }, select: { userId: true } });
      return rows.map((r) => r.userId);
    },

    async members(roomId: string, onlineIds: Set<string>): Promise<RoomMemberInfo[]> {
      const room = await rooms.getRoom(roomId);
      const rows = await db.roomMember.findMany({ where: { roomId }, select: { user: { select: userSelect } }, take: 1000 });
      return rows
        .map(({ user }) => ({ ...user, online: onlineIds.has(user.id), isOwner: user.id === room.ownerId }))
        .sort((a, b) => Number(b.online) - Number(a.online) || a.displayName.localeCompare(b.displayName));
    },

    /** The sidebar: every room and DM of the user with unread counts, in one grouped query. */
    async mine(userId: string): Promise<MyRoom[]> {
      const rows = await db.roomMember.findMany({
        where: { userId },
        select: {
          lastReadId: true,
          room: {
            select: {
              id: true,
              name: true,
              description: true,
              kind: true,
              memberLimit: true,
              slowModeSeconds: true,
              linkPreviews: true,
              ownerId: true,
              passwordHash: true,
              _count: { select: { members: true } },
            },
          },
        },
      });
      // Prisma reads the memberships, then their rooms, in two statements: on PostgreSQL a
      // room deleted in between comes back null (the socket fuzzer hit it). It is gone: skip it.
      const memberships = rows.filter((m) => (m.room as typeof m.room | null) !== null);
      if (memberships.length === 0) return [];
      const unreadSince = memberships.map((m) => ({ roomId: m.room.id, id: { gt: m.lastReadId } }));
      // Unread counts, the unread ones that mention the user (Message.mentions holds their id
      // as a JSON string) and the user's muted rooms: read together.
      const [unread, mentioned, mutes] = await Promise.all([
        db.message.groupBy({
          by: ["roomId"],
          where: { authorId: { not: userId }, OR: unreadSince, AND: [{ OR: [{ recipientId: null }, { recipientId: userId }] }] },
          _count: { _all: true },
        }),
        db.message.groupBy({
          by: ["roomId"],
          where: { authorId: { not: userId }, deletedAt: null, mentions: { contains: mentionNeedle(userId) }, OR: unreadSince },
          _count: { _all: true },
        }),
        db.roomMute.findMany({ where: { userId }, select: { roomId: true } }),
      ]);
      const unreadByRoom = new Map(unread.map((u) => [u.roomId, u._count._all]));
      const mentionsByRoom = new Map(mentioned.map((u) => [u.roomId, u._count._all]));
      const muted = new Set(mutes.map((m) => m.roomId));
      const dmIds = memberships.filter((m) => m.room.kind === "dm").map((m) => m.room.id);
      const participants = dmIds.length
        ? await db.roomMember.findMany({ where: { roomId: { in: dmIds } }, select: { roomId: true, user: { select: userSelect } } })
        : [];
      return memberships.map((m) => {
        const summary = toSummary({ ...m.room, kind: m.room.kind as MyRoom["kind"] }, m.room._count.members);
        const people = m.room.kind === "dm" ? participants.filter((p) => p.roomId === m.room.id).map((p) => p.user) : undefined;
        return {
          ...summary,
          ...(people ? { participants: people } : {}),
          unread: unreadByRoom.get(m.room.id) ?? 0,
          ...(mentionsByRoom.has(m.room.id) ? { mentions: mentionsByRoom.get(m.room.id) } : {}),
          ...(muted.has(m.room.id) ? { muted: true } : {}),
          lastReadId: m.lastReadId,
        };
      });
    },

    async markRead(userId: string, roomId: string, lastId: number): Promise<void> {
      await db.roomMember.updateMany({ where: { roomId, userId, lastReadId: { lt: lastId } }, data: { lastReadId: lastId } });
    },
  };
  return service;
}

export type MembershipService = ReturnType<typeof createMembershipService>;
