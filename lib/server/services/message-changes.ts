import "server-only";
import type { Db } from "@/lib/server/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { MentionResolver } from "@/lib/server/services/mentions";
import { storeMentions } from "@/lib/server/services/mentions";
import type { MessageService } from "@/lib/server/services/messages";
import { mayRead } from "@/lib/server/services/messages";
import type { MessageGate } from "@/lib/server/services/moderation/message-gate";
import type { RateLimiter } from "@/lib/server/services/rate-limit";
import type { RoomService } from "@/lib/server/services/rooms";
import type { AttachmentService } from "@/lib/server/services/attachments/service";
import { AppError } from "@/lib/shared/errors";
import { MAX_REACTIONS_PER_MESSAGE } from "@/lib/shared/schemas/limits";
import type { DeleteOwnMessageInput, EditMessageInput, ReactionInput } from "@/lib/shared/schemas/message";
import type { ChatMessage, SessionUser } from "@/lib/shared/types";

/**
 * Runs one change to a room's messages with the room's next change number. The number
 * is taken by updating the room's row, which PostgreSQL keeps locked until the change
 * commits (SQLite has one writer): within a room, change numbers become visible in
 * order, so "changes after N" never skips one still being written.
 */
export function withRoomChange<T>(db: Db, roomId: string, apply: (tx: Prisma.TransactionClient, seq: number) => Promise<T>): Promise<T> {
  return db.$transaction(async (tx) => {
    const { changeSeq } = await tx.room.update({ where: { id: roomId }, data: { changeSeq: { increment: 1 } }, select: { changeSeq: true } });
    return apply(tx, changeSeq);
  });
}

/** Edits, deletions by the author and reactions: the changes to stored messages people make themselves. */
export function createMessageChanges(deps: {
  db: Db;
  rooms: RoomService;
  messages: MessageService;
  gate: MessageGate;
  mentions: MentionResolver;
  reactionLimiter: RateLimiter;
  /** A deleted message's files go with it (rows and bytes). */
  attachments?: Pick<AttachmentService, "deleteForMessage">;
}) {
  const { db, messages } = deps;

  /** The message, if this person may read it and it is in the room they name. */
  async function readable(user: SessionUser, roomId: string, messageId: number) {
    const row = await db.message.findUnique({
      where: { id: messageId },
      select: { id: true, roomId: true, authorId: true, recipientId: true, body: true, deletedAt: true },
    });
    if (!row || row.roomId !== roomId || !mayRead(row, user.id)) throw new AppError("NOT_FOUND", "That message doesn't exist in this conversation.");
    return row;
  }

  async function current(id: number): Promise<ChatMessage> {
    const message = await messages.read(id);
    if (!message) throw new AppError("NOT_FOUND", "That message no longer exists.");
    return message;
  }

  async function react(user: SessionUser, input: ReactionInput, add: boolean): Promise<{ message: ChatMessage; changed: boolean }> {
    const row = await readable(user, input.roomId, input.messageId);
    if (row.deletedAt) throw new AppError("NOT_FOUND", "That message was deleted, so it can't take reactions.");
    await deps.gate.checkChange(user, { limiter: deps.reactionLimiter });
    const key = { messageId_userId_emoji: { messageId: row.id, userId: user.id, emoji: input.emoji } };
    const had = await db.reaction.findUnique({ where: key, select: { emoji: true } });
    if (add === !!had) return { message: await current(row.id), changed: false };
    if (add) {
      const emoji = await db.reaction.findMany({ where: { messageId: row.id }, distinct: ["emoji"], select: { emoji: true } });
      if (emoji.length >= MAX_REACTIONS_PER_MESSAGE && !emoji.some((e) => e.emoji === input.emoji))
        throw new AppError("VALIDATION", `This message already has ${MAX_REACTIONS_PER_MESSAGE} different reactions — add to one of them instead.`);
    }
    await withRoomChange(db, row.roomId, async (tx, seq) => {
      if (add) await tx.reaction.upsert({ where: key, create: { messageId: row.id, userId: user.id, emoji: input.emoji }, update: {} });
      else await tx.reaction.deleteMany({ where: { messageId: row.id, userId: user.id, emoji: input.emoji } });
      await tx.message.update({ where: { id: row.id }, data: { changeSeq: seq } });
    });
    return { message: await current(row.id), changed: true };
  }

  return {
    /** Only the author edits; the new text follows the send rules (length, word filter, limits). */
    async edit(user: SessionUser, input: EditMessageInput): Promise<{ message: ChatMessage; changed: boolean }> {
      const row = await readable(user, input.roomId, input.messageId);
      if (row.authorId !== user.id) throw new AppError("FORBIDDEN", "You can only edit your own messages.");
      if (row.deletedAt) throw new AppError("NOT_FOUND", "That message was deleted, so it can't be edited.");
      const body = (await deps.gate.checkChange(user, { body: input.body })) ?? input.body;
      if (body === row.body) return { message: await current(row.id), changed: false };
      const room = await deps.rooms.getRoom(row.roomId);
      const mentions = await deps.mentions.resolve({ author: user, room, body, recipientId: row.recipientId });
      await withRoomChange(db, row.roomId, (tx, seq) =>
        tx.message.update({ where: { id: row.id }, data: { body, editedAt: new Date(), mentions: storeMentions(mentions), changeSeq: seq } }),
      );
      return { message: await current(row.id), changed: true };
    },

    /**
     * Only the author deletes here (moderators remove through moderation): the text is
     * erased, and the reactions with it. Everyone then sees "message deleted".
     */
    async deleteOwn(user: SessionUser, input: DeleteOwnMessageInput): Promise<{ message: ChatMessage; changed: boolean }> {
      const row = await readable(user, input.roomId, input.messageId);
      if (row.authorId !== user.id)
        throw new AppError("FORBIDDEN", "You can only delete your own messages. To have someone else's removed, report it to a moderator.");
      if (row.deletedAt) return { message: await current(row.id), changed: false };
      await withRoomChange(db, row.roomId, async (tx, seq) => {
        await tx.reaction.deleteMany({ where: { messageId: row.id } });
        await tx.message.update({
          where: { id: row.id },
          data: { body: "", mentions: null, deletedAt: new Date(), deletedById: user.id, changeSeq: seq },
        });
      });
      await deps.attachments?.deleteForMessage(row.id);
      return { message: await current(row.id), changed: true };
    },

    /** Reacting needs read access to the message (a member of its room; a whisper's two people). */
    addReaction: (user: SessionUser, input: ReactionInput) => react(user, input, true),
    removeReaction: (user: SessionUser, input: ReactionInput) => react(user, input, false),
  };
}

export type MessageChanges = ReturnType<typeof createMessageChanges>;
