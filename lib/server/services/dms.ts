import "server-only";
import type { Db } from "@/lib/server/db/client";
import { AppError } from "@/lib/shared/errors";
import type { BlockService } from "@/lib/server/services/blocks";
import type { MembershipService } from "@/lib/server/services/memberships";
import type { RoomService } from "@/lib/server/services/rooms";
import type { MyRoom, SessionUser } from "@/lib/shared/types";

/**
 * Direct and group messages are rooms of kind `dm` whose name is made of the sorted
 * member ids, so the same people always land in the same conversation.
 */
export function createDmService(deps: { db: Db; rooms: RoomService; memberships: MembershipService; blocks: BlockService }) {
  const { db, rooms, memberships, blocks } = deps;

  return {
    async open(me: SessionUser, usernames: string[]): Promise<{ room: MyRoom; created: boolean; others: string[] }> {
      const wanted = [...new Set(usernames)].filter((u) => u !== me.username);
      if (wanted.length === 0) throw new AppError("VALIDATION", "Say who to message — someone other than yourself.");
      if (wanted.length > 9) throw new AppError("VALIDATION", "Group messages can include at most 9 others");
      const others = await db.user.findMany({ where: { username: { in: wanted } }, select: { id: true, username: true } });
      const missing = wanted.filter((u) => !others.some((o) => o.username === u));
      if (missing.length) throw new AppError("NOT_FOUND", `No user named ${missing.join(", ")}`);
      const blocker = await blocks.firstBlocker(
        me.id,
        others.map((o) => o.id),
      );
      if (blocker) throw new AppError("FORBIDDEN", `${blocker.username} has blocked you — message not sent`);

      const ids = [me.id, ...others.map((o) => o.id)].sort();
      const name = `~dm:${ids.join(",")}`;
      let room = await rooms.findByName(name);
      const created = !room;
      if (!room) {
        await db.room.create({ data: { name, kind: "dm", members: { create: ids.map((userId) => ({ userId })) } } }).catch((error: { code?: string }) => {
          if (error.code !== "P2002") throw error; // opened by both sides at once
        });
        room = await rooms.findByName(name);
      }
      if (!room) throw new AppError("INTERNAL", "The conversation could not be opened. Please try again.");
      const mine = (await memberships.mine(me.id)).find((r) => r.id === room.id);
      if (!mine) throw new AppError("INTERNAL", "The conversation could not be opened. Please try again.");
      return { room: mine, created, others: others.map((o) => o.id) };
    },
  };
}

export type DmService = ReturnType<typeof createDmService>;
