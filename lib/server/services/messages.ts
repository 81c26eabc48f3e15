import "server-only";
import type { Db } from "@/lib/server/db/client";
import { AppError } from "@/lib/shared/errors";
import type { HistoryInput, SendMessageInput } from "@/lib/shared/schemas/message";
import type { BlockService } from "@/lib/server/services/blocks";
import type { MessageWriter, StoredMessage } from "@/lib/server/services/message-writer";
import type { MessageGate } from "@/lib/server/services/moderation/message-gate";
import type { MembershipService } from "@/lib/server/services/memberships";
import type { RoomRecord, RoomService } from "@/lib/server/services/rooms";
import type { ChatMessage, MessageKind, PublicUser, SessionUser } from "@/lib/shared/types";

/** How many missed messages a reconnecting client may catch up on before it reloads. */
export const CATCH_UP_LIMIT = 200;

const userSelect = { id: true, username: true, displayName: true } as const;
const include = { author: { select: { ...userSelect, avatarPath: true } }, recipient: { select: userSelect } } as const;

type UserLike = PublicUser & { avatarPath?: string | null };
const asUser = (u: UserLike): PublicUser => {
  const avatarUrl = u.avatarPath !== undefined ? (u.avatarPath ? `/api/avatars/${u.avatarPath}` : null) : u.avatarUrl;
  return { id: u.id, username: u.username, displayName: u.displayName, ...(avatarUrl ? { avatarUrl } : {}) };
};

function toChatMessage(row: StoredMessage & { deletedAt?: Date | null }, author: UserLike, recipient?: PublicUser | null): ChatMessage {
  const kind: MessageKind = row.kind === "me" || row.kind === "whisper" ? row.kind : "text";
  return {
    id: row.id,
    roomId: row.roomId,
    body: row.deletedAt ? "" : row.body,
    ...(row.deletedAt ? { removed: true } : {}),
    clientId: row.clientId,
    createdAt: row.createdAt.toISOString(),
    author: asUser(author),
    kind,
    ...(recipient ? { recipient: asUser(recipient) } : {}),
  };
}

/** Whispers are visible to their author and recipient only, in history as live. */
const visibleTo = (viewerId: string) => ({ OR: [{ recipientId: null }, { authorId: viewerId }, { recipientId: viewerId }] });

export function createMessageService(deps: {
  db: Db;
  writer: MessageWriter;
  rooms: RoomService;
  memberships: MembershipService;
  blocks: BlockService;
  gate: MessageGate;
}) {
  const { db, writer, rooms, memberships, blocks, gate } = deps;

  async function store(author: SessionUser, room: RoomRecord, input: SendMessageInput, body: string) {
    let recipient: PublicUser | null = null;
    let dmRecipients: string[] | undefined;
    if (input.whisperTo) {
      if (room.kind === "dm") throw new AppError("VALIDATION", "Whispers are for rooms; this conversation is already private.");
      const target = await db.user.findUnique({ where: { username: input.whisperTo }, select: userSelect });
      if (!target) throw new AppError("NOT_FOUND", `No user named ${input.whisperTo}`);
      if (!(await memberships.isMember(room.id, target.id))) throw new AppError("NOT_FOUND", `${input.whisperTo} is not in #${room.name}.`);
      if (target.id === author.id) throw new AppError("VALIDATION", "You can't whisper to yourself.");
      if (await blocks.firstBlocker(author.id, [target.id])) throw new AppError("FORBIDDEN", `${target.username} has blocked you — message not sent`);
      recipient = target;
    } else if (room.kind === "dm") {
      dmRecipients = (await memberships.memberIds(room.id)).filter((id) => id !== author.id);
      const blocker = await blocks.firstBlocker(author.id, dmRecipients);
      if (blocker) throw new AppError("FORBIDDEN", `${blocker.username} has blocked you — message not sent`);
    }
    const kind = recipient ? "whisper" : input.kind;
    const row = await writer.write({ roomId: room.id, authorId: author.id, body, clientId: input.clientId, kind, recipientId: recipient?.id ?? null });
    if (!row.duplicate) return { message: toChatMessage(row, author, recipient), dmRecipients, duplicate: false };
    // The clientId names a message stored earlier: never let it reach another room.
    if (row.roomId !== room.id)
      throw new AppError("CONFLICT", "That message was already sent in another conversation, so it was not sent here. Send it again as a new message.");
    const storedRecipient = row.recipientId ? await db.user.findUnique({ where: { id: row.recipientId }, select: userSelect }) : null;
    return { message: toChatMessage(row, author, storedRecipient), duplicate: true };
  }

  return {
    /**
     * Resolves after the message is committed; the caller acks and broadcasts then.
     * A plain room message costs one write (room facts are cached; membership is
     * proven by the socket's subscription). DMs and whispers add a block check.
     * `duplicate`: this clientId was stored before, and `message` is that row (removed,
     * perhaps): the caller answers the sender only.
     */
    async send(author: SessionUser, input: SendMessageInput): Promise<{ message: ChatMessage; dmRecipients?: string[]; duplicate: boolean }> {
      const room = await rooms.getRoom(input.roomId);
      const admission = await gate.check(author, room, input.body, input.clientId);
      try {
        const sent = await store(author, room, input, admission.body);
        admission.settle(sent.duplicate ? "duplicate" : "new");
        return sent;
      } catch (error) {
        admission.settle("refused");
        throw error;
      }
    },

    /** Newest page, or the page before `before`; returned oldest → newest. */
    async history(viewerId: string, input: HistoryInput): Promise<{ messages: ChatMessage[]; hasMore: boolean }> {
      const rows = await db.message.findMany({
        where: { roomId: input.roomId, ...(input.before ? { id: { lt: input.before } } : {}), ...visibleTo(viewerId) },
        orderBy: { id: "desc" },
        take: input.limit + 1,
        include,
      });
      const hasMore = rows.length > input.limit;
      const page = rows.slice(0, input.limit).reverse();
      return { messages: page.map((r) => toChatMessage(r, r.author, r.recipient)), hasMore };
    },

    /** Messages after `afterId`, oldest first; `complete` is false when more than the limit were missed. */
    async since(viewerId: string, roomId: string, afterId: number, limit = CATCH_UP_LIMIT): Promise<{ messages: ChatMessage[]; complete: boolean }> {
      const rows = await db.message.findMany({
        where: { roomId, id: { gt: afterId }, ...visibleTo(viewerId) },
        orderBy: { id: "asc" },
        take: limit + 1,
        include,
      });
      return { messages: rows.slice(0, limit).map((r) => toChatMessage(r, r.author, r.recipient)), complete: rows.length <= limit };
    },
  };
}

export type MessageService = ReturnType<typeof createMessageService>;
