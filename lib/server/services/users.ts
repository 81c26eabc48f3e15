import "server-only";
import type { Db } from "@/lib/server/db/client";
import { AppError } from "@/lib/shared/errors";
import type { SignInInput, SignUpInput } from "@/lib/shared/schemas/auth";
import type { PasswordHasher } from "@/lib/server/services/passwords";
import type { PublicProfile } from "@/lib/shared/schemas/profile";
import type { PublicUser, SessionUser } from "@/lib/shared/types";

type UserRow = { id: string; username: string; displayName: string; role: string; avatarPath?: string | null };

export function toSessionUser(row: UserRow): SessionUser {
  const role = row.role === "admin" || row.role === "moderator" ? row.role : "user";
  return { id: row.id, username: row.username, displayName: row.displayName, role, avatarUrl: row.avatarPath ? `/api/avatars/${row.avatarPath}` : null };
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: string }).code === "P2002";
}

export function createUserService(deps: { db: Db; passwords: PasswordHasher }) {
  const { db, passwords } = deps;
  /** Compared against when the username is unknown, so timing does not reveal it. */
  let decoyHash: Promise<string> | undefined;

  return {
    async signUp(input: SignUpInput): Promise<SessionUser> {
      const taken = () => new AppError("CONFLICT", "That username is taken", { username: "That username is taken" });
      if (await db.user.findUnique({ where: { username: input.username }, select: { id: true } })) throw taken();
      const passwordHash = await passwords.hash(input.password);
      // The first account on a fresh install administers it.
      const role = (await db.user.count()) === 0 ? "admin" : "user";
      try {
        const row = await db.user.create({
          data: { username: input.username, displayName: input.displayName, passwordHash, role },
        });
        return toSessionUser(row);
      } catch (error) {
        if (isUniqueViolation(error)) throw taken();
        throw error;
      }
    },

    /** Returns null for any wrong pair; callers must not say which part was wrong. */
    async verifyCredentials(input: SignInInput): Promise<SessionUser | null> {
      const row = await db.user.findUnique({ where: { username: input.username } });
      if (!row) {
        decoyHash ??= passwords.hash("decoy-password-for-timing");
        await passwords.verify(await decoyHash, input.password);
        return null;
      }
      return (await passwords.verify(row.passwordHash, input.password)) ? toSessionUser(row) : null;
    },

    async findById(id: string): Promise<SessionUser | null> {
      const row = await db.user.findUnique({ where: { id } });
      return row ? toSessionUser(row) : null;
    },

    async touchLastSeen(id: string, at = new Date()): Promise<void> {
      await db.user.updateMany({ where: { id }, data: { lastSeenAt: at } });
    },

    async findPublicByUsername(username: string): Promise<PublicUser | null> {
      return db.user.findUnique({ where: { username }, select: { id: true, username: true, displayName: true } });
    },

    async findPublicByIds(ids: string[]): Promise<PublicUser[]> {
      if (ids.length === 0) return [];
      return db.user.findMany({ where: { id: { in: ids } }, select: { id: true, username: true, displayName: true }, orderBy: { displayName: "asc" } });
    },

    /** `/check`: only what anyone may see — never role, ids of rooms, or anything private. */
    async publicProfile(username: string, isOnline: (id: string) => boolean): Promise<PublicProfile> {
      const row = await db.user.findUnique({
        where: { username },
        select: { id: true, username: true, displayName: true, createdAt: true, lastSeenAt: true, avatarPath: true, statusLine: true },
      });
      if (!row) throw new AppError("NOT_FOUND", `No user named ${username}`);
      return {
        id: row.id,
        username: row.username,
        displayName: row.displayName,
        joinedAt: row.createdAt.toISOString(),
        online: isOnline(row.id),
        lastSeenAt: row.lastSeenAt?.toISOString() ?? null,
        avatarUrl: row.avatarPath ? `/api/avatars/${row.avatarPath}` : null,
        statusLine: row.statusLine,
      };
    },

    /** `/last N`: online now, or last seen within N minutes. */
    async seenSince(minutes: number, onlineIds: string[], now = Date.now()): Promise<PublicUser[]> {
      const cutoff = new Date(now - minutes * 60_000);
      return db.user.findMany({
        where: { OR: [{ id: { in: onlineIds } }, { lastSeenAt: { gte: cutoff } }] },
        select: { id: true, username: true, displayName: true },
        orderBy: { displayName: "asc" },
        take: 500,
      });
    },
  };
}

export type UserService = ReturnType<typeof createUserService>;
