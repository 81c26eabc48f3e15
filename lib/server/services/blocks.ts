import "server-only";
import type { Db } from "@/lib/server/db/client";
import { AppError } from "@/lib/shared/errors";
import type { PublicUser } from "@/lib/shared/types";
import { upsertRacing } from "@/lib/server/db/upsert";

const userSelect = { id: true, username: true, displayName: true } as const;

/** Blocks are per user and stored, so they survive restarts. */
export function createBlockService(deps: { db: Db }) {
  const { db } = deps;

  async function resolve(usernames: string[]): Promise<PublicUser[]> {
    const unique = [...new Set(usernames)];
    const users = await db.user.findMany({ where: { username: { in: unique } }, select: userSelect });
    const missing = unique.filter((u) => !users.some((x) => x.username === u));
    if (missing.length) throw new AppError("NOT_FOUND", `No user named ${missing.join(", ")}`);
    return users;
  }

  return {
    async block(blockerId: string, usernames: string[]): Promise<PublicUser[]> {
      const users = await resolve(usernames);
      if (users.some((u) => u.id === blockerId)) throw new AppError("VALIDATION", "You can't block yourself.");
      for (const u of users) {
        await upsertRacing(() =>
          db.block.upsert({ where: { blockerId_blockedId: { blockerId, blockedId: u.id } }, update: {}, create: { blockerId, blockedId: u.id } }),
        );
      }
      return users;
    },

    /** Says who was unblocked and who had not been blocked at all, so the answer can be true. */
    async unblock(blockerId: string, usernames: string[]): Promise<{ unblocked: PublicUser[]; notBlocked: PublicUser[] }> {
      const users = await resolve(usernames);
      const ids = users.map((u) => u.id);
      const existing = await db.block.findMany({ where: { blockerId, blockedId: { in: ids } }, select: { blockedId: true } });
      await db.block.deleteMany({ where: { blockerId, blockedId: { in: ids } } });
      const was = new Set(existing.map((b) => b.blockedId));
      return { unblocked: users.filter((u) => was.has(u.id)), notBlocked: users.filter((u) => !was.has(u.id)) };
    },

    async list(blockerId: string): Promise<PublicUser[]> {
      const rows = await db.block.findMany({ where: { blockerId }, select: { blocked: { select: userSelect } }, orderBy: { createdAt: "asc" } });
      return rows.map((r) => r.blocked);
    },

    /** The first of `recipientIds` who has blocked `senderId`, if any. */
    async firstBlocker(senderId: string, recipientIds: string[]): Promise<PublicUser | null> {
      if (recipientIds.length === 0) return null;
      const row = await db.block.findFirst({ where: { blockedId: senderId, blockerId: { in: recipientIds } }, select: { blocker: { select: userSelect } } });
      return row?.blocker ?? null;
    },
  };
}

export type BlockService = ReturnType<typeof createBlockService>;
