import type { Db } from "@/lib/db/client";
import type { HistoryInput, SendMessageInput } from "@/lib/schemas/message";
import type { MessageWriter, StoredMessage } from "@/lib/services/message-writer";
import type { RoomService } from "@/lib/services/rooms";
import type { ChatMessage, PublicUser } from "@/lib/types";

/** How many missed messages a reconnecting client may catch up on before it reloads. */
export const CATCH_UP_LIMIT = 200;

const authorSelect = { id: true, username: true, displayName: true } as const;

function toChatMessage(row: StoredMessage, author: PublicUser): ChatMessage {
  return {
    id: row.id,
    roomId: row.roomId,
    body: row.body,
    clientId: row.clientId,
    createdAt: row.createdAt.toISOString(),
    author: { id: author.id, username: author.username, displayName: author.displayName },
  };
}

export function createMessageService(deps: { db: Db; writer: MessageWriter; rooms: RoomService }) {
  const { db, writer, rooms } = deps;

  return {
    /** Resolves after the message is committed; the caller acks and broadcasts then. */
    async send(author: PublicUser, input: SendMessageInput): Promise<ChatMessage> {
      await rooms.getRoom(input.roomId);
      const row = await writer.write({ roomId: input.roomId, authorId: author.id, body: input.body, clientId: input.clientId });
      return toChatMessage(row, author);
    },

    /** Newest first page, or the page before `before`; returned oldest → newest. */
    async history(input: HistoryInput): Promise<{ messages: ChatMessage[]; hasMore: boolean }> {
      await rooms.getRoom(input.roomId);
      const rows = await db.message.findMany({
        where: { roomId: input.roomId, ...(input.before ? { id: { lt: input.before } } : {}) },
        orderBy: { id: "desc" },
        take: input.limit + 1,
        include: { author: { select: authorSelect } },
      });
      const hasMore = rows.length > input.limit;
      const page = rows.slice(0, input.limit).reverse();
      return { messages: page.map((r) => toChatMessage(r, r.author)), hasMore };
    },

    /** Messages after `afterId`, oldest first; `complete` is false when more than the limit were missed. */
    async since(roomId: string, afterId: number, limit = CATCH_UP_LIMIT): Promise<{ messages: ChatMessage[]; complete: boolean }> {
      const rows = await db.message.findMany({
        where: { roomId, id: { gt: afterId } },
        orderBy: { id: "asc" },
        take: limit + 1,
        include: { author: { select: authorSelect } },
      });
      return { messages: rows.slice(0, limit).map((r) => toChatMessage(r, r.author)), complete: rows.length <= limit };
    },
  };
}

export type MessageService = ReturnType<typeof createMessageService>;
