import "server-only";
import type { Db } from "@/lib/server/db/client";
import type { MessageSearchInput } from "@/lib/shared/schemas/moderation";
import type { PublicUser } from "@/lib/shared/types";

export const MESSAGE_SEARCH_PAGE = 50;

export interface ConsoleMessageRow {
  id: number;
  body: string;
  removed: boolean;
  kind: string;
  author: PublicUser;
  room: string;
  createdAt: string;
}

/**
 * What the console's message search may show: room talk. Direct messages and
 * whispers belong to the people in them, so a moderator sees one only once
 * somebody in it has reported it (the reports queue shows it with its context).
 */
const visibleToModerators = {
  OR: [{ recipientId: null, room: { kind: { not: "dm" } } }, { reports: { some: {} } }],
};

export async function searchMessages(db: Db, input: MessageSearchInput): Promise<{ hasMore: boolean; messages: ConsoleMessageRow[] }> {
  const rows = await db.message.findMany({
    where: {
      AND: [visibleToModerators, input.username ? { author: { username: input.username } } : {}, input.text ? { body: { contains: input.text } } : {}],
    },
    orderBy: { id: "desc" },
    skip: (input.page - 1) * MESSAGE_SEARCH_PAGE,
    take: MESSAGE_SEARCH_PAGE + 1,
    include: { author: { select: { id: true, username: true, displayName: true } }, room: { select: { name: true, kind: true } } },
  });
  return {
    hasMore: rows.length > MESSAGE_SEARCH_PAGE,
    messages: rows.slice(0, MESSAGE_SEARCH_PAGE).map((m) => ({
      id: m.id,
      body: m.body,
      removed: !!m.deletedAt,
      kind: m.kind,
      author: m.author,
      room: m.room.kind === "dm" ? "direct message" : `#${m.room.name}`,
      createdAt: m.createdAt.toISOString(),
    })),
  };
}
