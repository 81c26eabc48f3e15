import "server-only";
import type { Db } from "@/lib/server/db/client";
import type { Logger } from "@/lib/server/logger";
import { firstLink } from "@/lib/server/services/link-preview/first-link";
import type { PreviewLookup } from "@/lib/server/services/link-preview/preview-lookup";
import { REMOVED_PREVIEW } from "@/lib/server/services/link-preview/preview-state";
import { withRoomChange } from "@/lib/server/services/message-changes";
import type { MessageService } from "@/lib/server/services/messages";
import { mayRead } from "@/lib/server/services/messages";
import type { RoomService } from "@/lib/server/services/rooms";
import { AppError } from "@/lib/shared/errors";
import type { RemovePreviewInput } from "@/lib/shared/schemas/message";
import type { ChatMessage, SessionUser } from "@/lib/shared/types";

/** Sends a changed message to everyone who may read it (message:updated), on every node. */
export type PublishChange = (message: ChatMessage) => Promise<void>;

/** Cheaper than firstLink: the hot path pays one scan for a message without a link, nothing more. */
const MAY_HOLD_LINK = /https?:\/\//i;

/**
 * Link preview cards on messages. A sent (or edited) message with a link is followed
 * up after its ack, in the background: its card is looked up or fetched, stored on the
 * message as a room change (so catch-up brings it too) and published as
 * message:updated. Whispers and DMs get cards like rooms do, seen by their readers only;
 * the fetch carries no cookie or name, only the URL, as a reader's own click would.
 */
export function createMessagePreviews(deps: {
  db: Db;
  rooms: RoomService;
  messages: MessageService;
  lookup: PreviewLookup;
  logger: Logger;
  /** The console's server-wide switch, read for every message. */
  enabled: () => boolean;
}) {
  const { db, logger } = deps;
  const jobs = new Set<Promise<void>>();

  async function attach(message: ChatMessage, publish: PublishChange): Promise<void> {
    const url = firstLink(message.body);
    if (!url || !deps.enabled()) return;
    const room = await deps.rooms.getRoom(message.roomId);
    if (!room.linkPreviews) return;
    // Claimed before the fetch, so a removal or an edit meanwhile makes the result land nowhere.
    const claimed = await db.message.updateMany({ where: { id: message.id, previewUrl: null, deletedAt: null }, data: { previewUrl: url } });
    if (claimed.count === 0) return;
    const preview = await deps.lookup.get(url);
    if (!preview) return;
    const applied = await withRoomChange(db, message.roomId, async (tx, seq) => {
      const { count } = await tx.message.updateMany({
        where: { id: message.id, previewUrl: url, deletedAt: null },
        data: { preview: JSON.stringify(preview), changeSeq: seq },
      });
      return count > 0;
    });
    if (!applied) return;
    const current = await deps.messages.read(message.id);
    if (current) await publish(current);
  }

  return {
    /**
     * Starts the card's work for a message just stored or edited, once the current
     * ack has gone out; returns at once. Failures are logged, never thrown.
     */
    follow(message: ChatMessage, publish: PublishChange): void {
      if (message.removed || !MAY_HOLD_LINK.test(message.body)) return;
      const job: Promise<void> = new Promise<void>((resolve) => setImmediate(resolve))
        .then(() => attach(message, publish))
        .catch((error: unknown) => logger.warn("link preview failed", error))
        .finally(() => jobs.delete(job));
      jobs.add(job);
    },

    /** Only the sender removes the card: for everyone, and for good on this message. */
    async remove(user: SessionUser, input: RemovePreviewInput): Promise<{ message: ChatMessage; changed: boolean }> {
      const row = await db.message.findUnique({
        where: { id: input.messageId },
        select: { id: true, roomId: true, authorId: true, recipientId: true, deletedAt: true, previewUrl: true, preview: true },
      });
      if (!row || row.roomId !== input.roomId || !mayRead(row, user.id)) throw new AppError("NOT_FOUND", "That message doesn't exist in this conversation.");
      if (row.authorId !== user.id) throw new AppError("FORBIDDEN", "Only the person who sent a message can remove its link preview.");
      if (row.deletedAt) throw new AppError("NOT_FOUND", "That message was deleted, so it has no preview to remove.");
      const changed = row.previewUrl !== REMOVED_PREVIEW || row.preview !== null;
      if (changed) {
        await withRoomChange(db, row.roomId, (tx, seq) =>
          tx.message.update({ where: { id: row.id }, data: { previewUrl: REMOVED_PREVIEW, preview: null, changeSeq: seq } }),
        );
      }
      const message = await deps.messages.read(row.id);
      if (!message) throw new AppError("NOT_FOUND", "That message no longer exists.");
      return { message, changed };
    },

    /** Resolves once every card started so far is settled (tests). */
    async drain(): Promise<void> {
      while (jobs.size > 0) await Promise.all([...jobs]);
    },
  };
}

export type MessagePreviews = ReturnType<typeof createMessagePreviews>;
