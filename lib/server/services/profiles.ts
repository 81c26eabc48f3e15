import "server-only";
import type { Db } from "@/lib/server/db/client";
import { AppError } from "@/lib/shared/errors";
import type { OwnProfile, PublicProfile, UpdateProfileInput } from "@/lib/shared/schemas/profile";
import type { AvatarService } from "@/lib/server/services/avatars";

/** Where app/api/avatars/[name]/route.ts serves a stored avatar. */
export function avatarUrl(name: string | null): string | null {
  return name ? `/api/avatars/${name}` : null;
}

const profileFields = {
  id: true,
  username: true,
  displayName: true,
  avatarPath: true,
  statusLine: true,
  createdAt: true,
  lastSeenAt: true,
  pushEnabled: true,
} as const;

type ProfileRow = {
  id: string;
  username: string;
  displayName: string;
  avatarPath: string | null;
  statusLine: string;
  createdAt: Date;
  lastSeenAt: Date | null;
  pushEnabled: boolean;
};

export function toPublicProfile(row: ProfileRow): PublicProfile {
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    avatarUrl: avatarUrl(row.avatarPath),
    statusLine: row.statusLine,
    joinedAt: row.createdAt.toISOString(),
    lastSeenAt: row.lastSeenAt?.toISOString() ?? null,
  };
}

function toOwnProfile(row: ProfileRow): OwnProfile {
  return { ...toPublicProfile(row), pushEnabled: row.pushEnabled };
}

const noSuchUser = () => new AppError("NOT_FOUND", "That user does not exist.");

export interface ProfileDeps {
  db: Db;
  avatars: AvatarService;
  /**
   * Called after anything others can see changed (name, status, avatar), so the
   * realtime layer can tell every client. Not called for private settings.
   */
  onPublicChange?: (profile: PublicProfile) => void;
}

export function createProfileService(deps: ProfileDeps) {
  const { db, avatars } = deps;

  /** Loads the fresh row once and tells listeners when the public part changed. */
  async function afterChange(userId: string, publicChanged: boolean): Promise<OwnProfile> {
    const row = await load(userId);
    if (publicChanged) deps.onPublicChange?.(toPublicProfile(row));
    return toOwnProfile(row);
  }

  async function load(userId: string): Promise<ProfileRow> {
    const row = await db.user.findUnique({ where: { id: userId }, select: profileFields });
    if (!row) throw noSuchUser();
    return row;
  }

  /**
   * Points the user at `next` only if the avatar is still the one just read
   * (compare-and-set), so two uploads racing never orphan a file or delete the
   * one that won. Returns the name that was replaced.
   */
  async function swapAvatar(userId: string, next: string | null): Promise<string | null> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const { avatarPath: previous } = await load(userId);
      const { count } = await db.user.updateMany({ where: { id: userId, avatarPath: previous }, data: { avatarPath: next } });
      if (count === 1) return previous;
    }
    throw new AppError("CONFLICT", "Your avatar was changed somewhere else at the same moment. Please try again.");
  }

  return {
    /** What anyone signed in may see: no role, settings or credentials. */
    async getPublicProfile(userId: string): Promise<PublicProfile> {
      return toPublicProfile(await load(userId));
    },

    async getOwnProfile(userId: string): Promise<OwnProfile> {
      return toOwnProfile(await load(userId));
    },

    /** Input comes parsed by updateProfileSchema; absent fields are left alone. */
    async updateProfile(userId: string, input: UpdateProfileInput): Promise<OwnProfile> {
      const { count } = await db.user.updateMany({
        where: { id: userId },
        data: { displayName: input.displayName, statusLine: input.statusLine, pushEnabled: input.pushEnabled },
      });
      if (count === 0) throw noSuchUser();
      return afterChange(userId, input.displayName !== undefined || input.statusLine !== undefined);
    },

    /** Validates and stores the upload, then deletes the avatar it replaces. */
    async setAvatar(userId: string, file: Buffer): Promise<OwnProfile> {
      await load(userId); // refuse an unknown user before writing anything
      const name = await avatars.save(file);
      let previous: string | null;
      try {
        previous = await swapAvatar(userId, name);
      } catch (error) {
        await avatars.remove(name);
        throw error;
      }
      await avatars.remove(previous);
      return afterChange(userId, true);
    },

    async removeAvatar(userId: string): Promise<OwnProfile> {
      const previous = await swapAvatar(userId, null);
      await avatars.remove(previous);
      return afterChange(userId, previous !== null);
    },
  };
}

export type ProfileService = ReturnType<typeof createProfileService>;
