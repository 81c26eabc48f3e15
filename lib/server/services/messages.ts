import "server-only";
import type { Db } from "@/lib/server/db/client";
import { AppError } from "@/lib/shared/errors";
import type { HistoryInput, SendMessageInput } from "@/lib/shared/schemas/message";
import type { BlockService } from "@/lib/server/services/blocks";
import type { MessageWriter, StoredMessage } from "@/lib/server/services/message-writer";
import type { MessageGate } from "@/lib/server/services/moderation/message-gate";
import type { MembershipService } from "@/lib/server/services/memberships";
import type { RoomRecord, RoomService } from "@/lib/server/services/rooms";
import type { MentionResolver } from "@/lib/server/services/mentions";
import { readMentions, storeMentions } from "@/lib/server/services/mentions";
import { excerpt } from "@/lib/shared/schemas/limits";
import { readLinkPreview } from "@/lib/shared/schemas/link-preview";
import type { AttachmentRow } from "@/lib/server/services/attachment-info";
import { attachmentSelect, toAttachment } from "@/lib/server/services/attachment-info";
import { claimableFiles } from "@/lib/server/services/attachments/claims";
import type { ChatMessage, MessageKind, PublicUser, Reaction, ReplyQuote, SessionUser } from "@/lib/shared/types";

/** How many missed messages (and, separately, changed ones) a reconnecting client may catch up on before it reloads. */
export const CATCH_UP_LIMIT = 200;

/** Messages on each side of the one a `history` call with `around` jumps to. */
export const AROUND_PAGE_SIZE = 25;

const userSelect = { id: true, username: true, displayName: true } as const;
const authorSelect = { ...userSelect, avatarPath: true } as const;
/** What every read of a message brings along: its people, reactions and the parent it answers. */
const messageInclude = {
  author: { select: authorSelect },
  recipient: { select: userSelect },
  reactions: { select: { emoji: true, user: { select: { id: true, displayName: true } } }, orderBy: { createdAt: "asc" } },
  replyTo: { select: { id: true, body: true, deletedAt: true, author: { select: authorSelect } } },
  attachments: { select: attachmentSelect, orderBy: { position: "asc" } },
} as const;

type UserLike = PublicUser & { avatarPath?: string | null };
const asUser = (u: UserLike): PublicUser => {
  const avatarUrl = u.avatarPath !== undefined ? (u.avatarPath ? `/api/avatars/${u.avatarPath}` : null) : u.avatarUrl;
  return { id: u.id, username: u.username, displayName: u.displayName, ...(avatarUrl ? { avatarUrl } : {}) };
};

/** A parent as its reply's quote shows it. */
interface ParentRow {
  id: number;
  body: string;
  deletedAt: Date | null;
  author: UserLike;
}

function toQuote(parent: ParentRow): ReplyQuote {
  if (parent.deletedAt) return { id: parent.id, author: asUser(parent.author), excerpt: "", removed: true };
  return { id: parent.id, author: asUser(parent.author), excerpt: excerpt(parent.body) };
}

/** Reactions grouped by emoji, in the order each emoji was first given. */
function groupReactions(rows: { emoji: string; user: { id: string; displayName: string } }[]): Reaction[] {
  const byEmoji = new Map<string, Reaction>();
  for (const r of rows) {
    const group = byEmoji.get(r.emoji) ?? { emoji: r.emoji, count: 0, users: [] };
    group.count++;
    group.users.push(r.user);
    byEmoji.set(r.emoji, group);
  }
  return [...byEmoji.values()];
}

type MessageRow = StoredMessage & {
  deletedAt?: Date | null;
  deletedById?: string | null;
  editedAt?: Date | null;
  changeSeq?: number;
  reactions?: { emoji: string; user: { id: string; displayName: string } }[];
  replyTo?: ParentRow | null;
  attachments?: AttachmentRow[];
  preview?: string | null;
};

function toChatMessage(row: MessageRow, author: UserLike, recipient?: PublicUser | null): ChatMessage {
  const kind: MessageKind = row.kind === "me" || row.kind === "whisper" ? row.kind : "text";
  const removed = !!row.deletedAt;
  const reactions = !removed && row.reactions?.length ? groupReactions(row.reactions) : undefined;
  const mentions = removed ? undefined : readMentions(row.mentions);
  const attachments = !removed && row.attachments?.length ? row.attachments.map(toAttachment) : undefined;
  const preview = removed ? undefined : readLinkPreview(row.preview);
  return {
    id: row.id,
    roomId: row.roomId,
    body: removed ? "" : row.body,
    ...(removed ? { removed: true, removedBy: row.deletedById === row.authorId ? "author" : "moderator" } : {}),
    clientId: row.clientId,
    createdAt: row.createdAt.toISOString(),
    author: asUser(author),
    kind,
    ...(recipient ? { recipient: asUser(recipient) } : {}),
    ...(row.editedAt && !removed ? { editedAt: row.editedAt.toISOString() } : {}),
    ...(reactions ? { reactions } : {}),
    ...(row.replyTo ? { replyTo: toQuote(row.replyTo) } : {}),
    ...(mentions ? { mentions } : {}),
    ...(row.changeSeq ? { changeSeq: row.changeSeq } : {}),
    ...(attachments ? { attachments } : {}),
    ...(preview ? { preview } : {}),
  };
}

type ReadRow = MessageRow & { author: UserLike; recipient: PublicUser | null };
const fromRow = (r: ReadRow) => toChatMessage(r, r.author, r.recipient);

/** Whispers are visible to their author and recipient only, in history as live. */
const visibleTo = (viewerId: string) => ({ OR: [{ recipientId: null }, { authorId: viewerId }, { recipientId: viewerId }] });

/** The same rule for one message in hand (members of its room may read the rest). */
export const mayRead = (message: { authorId: string; recipientId: string | null }, viewerId: string) =>
  !message.recipientId || message.authorId === viewerId || message.recipientId === viewerId;

export function createMessageService(deps: {
  db: Db;
  writer: MessageWriter;
  rooms: RoomService;
  memberships: MembershipService;
  blocks: BlockService;
  gate: MessageGate;
  mentions: MentionResolver;
}) {
  const { db, writer, rooms, memberships, blocks, gate } = deps;

  /** The parent a reply quotes: in the same room, and never a whisper quoted outside its two people. */
  async function parentFor(author: SessionUser, room: RoomRecord, replyTo: number, recipientId: string | null): Promise<ParentRow> {
    const parent = await db.message.findUnique({
      where: { id: replyTo },
      select: { id: true, roomId: true, body: true, deletedAt: true, authorId: true, recipientId: true, author: { select: authorSelect } },
    });
    if (!parent || parent.roomId !== room.id || !mayRead(parent, author.id))
      throw new AppError("VALIDATION", "You can only reply to a message in this conversation. Pick the message again and press Reply.");
    if (parent.recipientId) {
      const pair = new Set([parent.authorId, parent.recipientId]);
      if (!recipientId || !pair.has(author.id) || !pair.has(recipientId))
        throw new AppError("VALIDATION", "A whisper can only be answered with a whisper to the same person, so it isn't quoted in the room.");
    }
    return parent;
  }

  async function store(author: SessionUser, room: RoomRecord, input: SendMessageInput, body: string, files: AttachmentRow[]) {
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
    const [parent, mentions] = await Promise.all([
      input.replyTo ? parentFor(author, room, input.replyTo, recipient?.id ?? null) : null,
      deps.mentions.resolve({ author, room, body, recipientId: recipient?.id ?? null }),
    ]);
    const row = await writer.write({
      roomId: room.id,
      authorId: author.id,
      body,
      clientId: input.clientId,
      kind,
      recipientId: recipient?.id ?? null,
      replyToId: parent?.id ?? null,
      mentions: storeMentions(mentions),
      ...(files.length ? { attachmentIds: files.map((f) => f.id) } : {}),
    });
    if (!row.duplicate) return { message: toChatMessage({ ...row, replyTo: parent, attachments: files }, author, recipient), dmRecipients, duplicate: false };
    // The clientId names a message stored earlier: never let it reach another room.
    if (row.roomId !== room.id)
      throw new AppError("CONFLICT", "That message was already sent in another conversation, so it was not sent here. Send it again as a new message.");
    const stored = await read(row.id);
    if (!stored) throw new AppError("NOT_FOUND", "That message no longer exists.");
    return { message: stored, duplicate: true };
  }

  /** One message as everyone who may read it sees it now (null: gone). */
  async function read(id: number): Promise<ChatMessage | null> {
    const row = await db.message.findUnique({ where: { id }, include: messageInclude });
    return row ? fromRow(row) : null;
  }

  async function around(viewerId: string, roomId: string, id: number) {
    const [older, newer] = await Promise.all([
      db.message.findMany({
        where: { roomId, id: { lte: id }, ...visibleTo(viewerId) },
        orderBy: { id: "desc" },
        take: AROUND_PAGE_SIZE + 2,
        include: messageInclude,
      }),
      db.message.findMany({
        where: { roomId, id: { gt: id }, ...visibleTo(viewerId) },
        orderBy: { id: "asc" },
        take: AROUND_PAGE_SIZE + 1,
        include: messageInclude,
      }),
    ]);
    // `older` may hold the message itself: one more than the page, so it never counts against it.
    const olderLimit = older[0]?.id === id ? AROUND_PAGE_SIZE + 1 : AROUND_PAGE_SIZE;
    const rows = [...older.slice(0, olderLimit).reverse(), ...newer.slice(0, AROUND_PAGE_SIZE)];
    return { messages: rows.map(fromRow), hasMore: older.length > olderLimit, hasNewer: newer.length > AROUND_PAGE_SIZE };
  }

  return {
    read,

    /** The room's change number now: changes after it reach a client as message:updated (or in its next catch-up). */
    async changeSeq(roomId: string): Promise<number> {
      return (await db.room.findUnique({ where: { id: roomId }, select: { changeSeq: true } }))?.changeSeq ?? 0;
    },

    /**
     * Resolves after the message is committed; the caller acks and broadcasts then.
     * A plain room message costs one write (room facts are cached; membership is
     * proven by the socket's subscription). DMs and whispers add a block check.
     * `duplicate`: this clientId was stored before, and `message` is that row (removed,
     * perhaps): the caller answers the sender only.
     */
    async send(author: SessionUser, input: SendMessageInput): Promise<{ message: ChatMessage; dmRecipients?: string[]; duplicate: boolean }> {
      const room = await rooms.getRoom(input.roomId);
      const files = await claimableFiles(db, author.id, input.clientId, input.attachments ?? []);
      // Files without a caption repeat only when the same files are sent again.
      const spamText = input.body || (files.length ? `\u0000files:${files.map((f) => f.id).join(",")}` : "");
      const admission = await gate.check(author, room, input.body, input.clientId, spamText);
      try {
        const sent = await store(author, room, input, admission.body, files);
        admission.settle(sent.duplicate ? "duplicate" : "new");
        return sent;
      } catch (error) {
        admission.settle("refused");
        throw error;
      }
    },

    /**
     * Newest page, or the page before `before`; returned oldest → newest. With `around`:
     * up to AROUND_PAGE_SIZE messages before it and as many after, it included;
     * `hasMore` then speaks of older messages and `hasNewer` of newer ones.
     */
    async history(viewerId: string, input: HistoryInput): Promise<{ messages: ChatMessage[]; hasMore: boolean; hasNewer?: boolean }> {
      if (input.around) return around(viewerId, input.roomId, input.around);
      const rows = await db.message.findMany({
        where: { roomId: input.roomId, ...(input.before ? { id: { lt: input.before } } : {}), ...visibleTo(viewerId) },
        orderBy: { id: "desc" },
        take: input.limit + 1,
        include: messageInclude,
      });
      const hasMore = rows.length > input.limit;
      const page = rows.slice(0, input.limit).reverse();
      return { messages: page.map(fromRow), hasMore };
    },

    /**
     * What a client that has everything up to message `afterId` and change `afterChange`
     * missed: the messages after `afterId` (oldest first) and, if `afterChange` is given,
     * the earlier ones changed since (edited, deleted, reacted to), as they are now.
     * `complete` is false when either part is more than the limit: the client reloads.
     */
    async since(
      viewerId: string,
      roomId: string,
      afterId: number,
      afterChange?: number,
      limit = CATCH_UP_LIMIT,
    ): Promise<{ messages: ChatMessage[]; changed: ChatMessage[]; complete: boolean }> {
      const [rows, changedRows] = await Promise.all([
        db.message.findMany({
          where: { roomId, id: { gt: afterId }, ...visibleTo(viewerId) },
          orderBy: { id: "asc" },
          take: limit + 1,
          include: messageInclude,
        }),
        afterChange === undefined
          ? []
          : db.message.findMany({
              where: { roomId, id: { lte: afterId }, changeSeq: { gt: afterChange }, ...visibleTo(viewerId) },
              orderBy: { changeSeq: "asc" },
              take: limit + 1,
              include: messageInclude,
            }),
      ]);
      return {
        messages: rows.slice(0, limit).map(fromRow),
        changed: changedRows.slice(0, limit).map(fromRow),
        complete: rows.length <= limit && changedRows.length <= limit,
      };
    },
  };
}

export type MessageService = ReturnType<typeof createMessageService>;
