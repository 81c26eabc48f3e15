import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { RoomSummary } from "@/lib/types";

export const DEFAULT_ROOM_NAME = "general";

export function createRoomService(deps: { db: Db }) {
  const { db } = deps;
  /** Rooms are read on every message; they change rarely, so keep them in memory. */
  const cache = new Map<string, RoomSummary>();

  const toSummary = (row: { id: string; name: string; description: string }): RoomSummary => ({
    id: row.id,
    name: row.name,
    description: row.description,
  });

  return {
    /** Creates #general on first start; idempotent. */
    async ensureDefaultRoom(): Promise<RoomSummary> {
      const row = await db.room.upsert({
        where: { name: DEFAULT_ROOM_NAME },
        update: {},
        create: { name: DEFAULT_ROOM_NAME, description: "Everyone's here. Say hi!" },
      });
      const summary = toSummary(row);
      cache.set(summary.id, summary);
      return summary;
    },

    async getRoom(id: string): Promise<RoomSummary> {
      const cached = cache.get(id);
      if (cached) return cached;
      const row = await db.room.findUnique({ where: { id } });
      if (!row) throw new AppError("NOT_FOUND", "That room does not exist.");
      const summary = toSummary(row);
      cache.set(id, summary);
      return summary;
    },

    async listRooms(): Promise<RoomSummary[]> {
      const rows = await db.room.findMany({ orderBy: { name: "asc" } });
      return rows.map(toSummary);
    },
  };
}

export type RoomService = ReturnType<typeof createRoomService>;
