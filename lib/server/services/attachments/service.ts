import "server-only";
import crypto from "node:crypto";
import type { Readable } from "node:stream";
import type { Db } from "@/lib/server/db/client";
import type { Logger } from "@/lib/server/logger";
import type { FileStore } from "@/lib/server/storage/file-store";
import { attachmentSelect, toAttachment } from "@/lib/server/services/attachment-info";
import { safeDisplayName } from "@/lib/server/services/attachments/names";
import { fileTooLarge, formatMb } from "@/lib/shared/upload-limits";
import { processUpload } from "@/lib/server/services/attachments/process";
import { mayRead } from "@/lib/server/services/messages";
import type { RateLimiter } from "@/lib/server/services/rate-limit";
import { retryInSeconds } from "@/lib/server/services/rate-limit";
import type { Semaphore } from "@/lib/server/services/semaphore";
import { AppError } from "@/lib/shared/errors";
import type { MessageAttachment, SessionUser } from "@/lib/shared/types";

const MB = 1024 * 1024;
const DAY_MS = 24 * 60 * 60 * 1000;
/** Uploads never sent with a message are deleted after this. */
export const UNCLAIMED_TTL_MS = DAY_MS;
const PURGE_EVERY_MS = 15 * 60 * 1000;
const PURGE_BATCH = 200;

export const tooLargeSentence = (name: string, bytes: number, maxMb: number) => fileTooLarge(name, bytes, maxMb * MB);
export const quotaSentence = (name: string, used: number, quotaMb: number) =>
  `${name} doesn't fit in your daily upload allowance: you have uploaded ${formatMb(used)} of ${quotaMb} MB in the last 24 hours. Try again later or send a smaller file.`;
export const uploadsTooOften = (minutes: number) => `You are uploading files too fast — try again in ${minutes} min.`;

export interface UploadLimits {
  maxBytes: number;
  dailyQuotaBytes: number;
  usedTodayBytes: number;
}

/** What GET /api/files/<id> sends, once access is checked. */
export interface ReadableFile {
  kind: "image" | "file";
  name: string;
  mime: string;
  /** Bytes, when known (a streamed thumbnail's is not). */
  size?: number;
  body: Buffer | Readable;
}

type Keys = { storageKey: string; thumbKey: string | null };

export function createAttachmentService(deps: {
  db: Db;
  store: FileStore;
  /** The console's live file settings. */
  settings: () => { maxMb: number; dailyQuotaMb: number };
  limiter: RateLimiter;
  isMember: (roomId: string, userId: string) => Promise<boolean>;
  logger?: Pick<Logger, "warn" | "error">;
  decodes?: Semaphore;
  now?: () => number;
}) {
  const { db, store } = deps;
  const now = deps.now ?? Date.now;

  async function usedToday(userId: string): Promise<number> {
    const sum = await db.attachment.aggregate({ where: { uploaderId: userId, createdAt: { gt: new Date(now() - DAY_MS) } }, _sum: { size: true } });
    return sum._sum.size ?? 0;
  }

  async function removeBytes(rows: Keys[]): Promise<void> {
    const keys = rows.flatMap((r) => (r.thumbKey ? [r.storageKey, r.thumbKey] : [r.storageKey]));
    const results = await Promise.allSettled(keys.map((key) => store.delete(key)));
    const failed = results.filter((r) => r.status === "rejected").length;
    if (failed) deps.logger?.warn(`could not delete ${failed} stored attachment file(s)`);
  }

  const service = {
    /** The per-user upload rate: checked before the body is read, so a refused upload costs nothing. */
    async admit(user: SessionUser): Promise<void> {
      const limited = await deps.limiter.limit(user.id);
      if (!limited.success)
        throw new AppError("RATE_LIMITED", uploadsTooOften(Math.ceil(retryInSeconds(limited, now()) / 60)), {
          retryAfter: String(retryInSeconds(limited, now())),
        });
    },

    /** The per-file limit now (the console's setting), for reading the upload's body. */
    maxBytes(): number {
      return deps.settings().maxMb * MB;
    },

    async limits(userId: string): Promise<UploadLimits> {
      const { maxMb, dailyQuotaMb } = deps.settings();
      return { maxBytes: maxMb * MB, dailyQuotaBytes: dailyQuotaMb * MB, usedTodayBytes: await usedToday(userId) };
    },

    /** Stores one upload of `user` (not yet in any message) and describes it as messages will. */
    async upload(user: SessionUser, bytes: Buffer, rawName: string): Promise<MessageAttachment> {
      const { maxMb, dailyQuotaMb } = deps.settings();
      const label = rawName.trim() ? safeDisplayName(rawName) : "That file";
      if (bytes.length === 0) throw new AppError("VALIDATION", `${label} is empty. Choose another file.`, { file: "empty" });
      if (bytes.length > maxMb * MB) throw new AppError("VALIDATION", tooLargeSentence(label, bytes.length, maxMb), { file: "too large" });
      const used = await usedToday(user.id);
      if (used + bytes.length > dailyQuotaMb * MB) throw new AppError("RATE_LIMITED", quotaSentence(label, used, dailyQuotaMb), { file: "quota" });

      const processed = await processUpload(bytes, rawName, deps.decodes);
      const id = crypto.randomBytes(16).toString("base64url");
      const storageKey = id;
      const thumbKey = processed.thumb ? `${id}-thumb` : null;
      await store.put(storageKey, processed.bytes, processed.mime);
      try {
        if (thumbKey && processed.thumb) await store.put(thumbKey, processed.thumb, "image/webp");
        const row = await db.attachment.create({
          data: {
            id,
            uploaderId: user.id,
            kind: processed.kind,
            name: processed.name,
            mime: processed.mime,
            size: processed.bytes.length,
            width: processed.width ?? null,
            height: processed.height ?? null,
            storageKey,
            thumbKey,
          },
          select: attachmentSelect,
        });
        return toAttachment(row);
      } catch (error) {
        await removeBytes([{ storageKey, thumbKey }]);
        throw error;
      }
    },

    /**
     * The file (or its thumbnail) if `viewerId` may see it, else null — a 404 either way,
     * so an id reveals nothing. Unsent: its uploader only. Sent: the message is not
     * deleted, the viewer is a member of its room (DMs and private rooms included), and a
     * whisper's files are for its two people only, as in history.
     */
    async readable(viewerId: string, id: string, thumb = false): Promise<ReadableFile | null> {
      const row = await db.attachment.findUnique({
        where: { id },
        select: {
          kind: true,
          name: true,
          mime: true,
          size: true,
          uploaderId: true,
          storageKey: true,
          thumbKey: true,
          message: { select: { roomId: true, authorId: true, recipientId: true, deletedAt: true } },
        },
      });
      if (!row) return null;
      if (!row.message) {
        if (row.uploaderId !== viewerId) return null;
      } else if (row.message.deletedAt || !mayRead(row.message, viewerId) || !(await deps.isMember(row.message.roomId, viewerId))) {
        return null;
      }
      const key = thumb ? row.thumbKey : row.storageKey;
      if (!key) return null;
      const body = store.getStream ? await store.getStream(key) : await store.get(key);
      if (!body) return null;
      const kind = row.kind === "image" ? "image" : "file";
      if (thumb)
        return {
          kind: "image",
          name: `${row.name.replace(/\.[^.]*$/, "")}.webp`,
          mime: "image/webp",
          ...(Buffer.isBuffer(body) ? { size: body.length } : {}),
          body,
        };
      return { kind, name: row.name, mime: row.mime, size: row.size, body };
    },

    /**
     * After a message is deleted or removed: its files' bytes, then their rows. Never
     * throws (the deletion itself has committed): what fails here is logged, and purge
     * sweeps files left on deleted messages.
     */
    async deleteForMessage(messageId: number): Promise<number> {
      try {
        const rows = await db.attachment.findMany({ where: { messageId }, select: { id: true, storageKey: true, thumbKey: true } });
        if (rows.length === 0) return 0;
        await removeBytes(rows);
        await db.attachment.deleteMany({ where: { id: { in: rows.map((r) => r.id) } } });
        return rows.length;
      } catch (error) {
        deps.logger?.error(`deleting the files of message ${messageId} failed`, error);
        return 0;
      }
    },

    /**
     * Deletes uploads never sent with a message and older than `olderThanMs`, and any
     * files left on deleted messages. Safe on N nodes at once: a row is deleted only
     * while still unclaimed (a send claiming it meanwhile wins or fails cleanly), and
     * only the node whose delete took the row deletes its bytes.
     */
    async purgeUnclaimed(olderThanMs = UNCLAIMED_TTL_MS): Promise<number> {
      const cutoff = new Date(now() - olderThanMs);
      let purged = 0;
      const stale = await db.attachment.findMany({
        where: { messageId: null, createdAt: { lt: cutoff } },
        select: { id: true, storageKey: true, thumbKey: true },
        take: PURGE_BATCH,
      });
      for (const row of stale) {
        const { count } = await db.attachment.deleteMany({ where: { id: row.id, messageId: null } });
        if (count === 0) continue;
        await removeBytes([row]);
        purged++;
      }
      const orphaned = await db.attachment.findMany({
        where: { message: { deletedAt: { not: null } } },
        select: { messageId: true },
        distinct: ["messageId"],
        take: PURGE_BATCH,
      });
      for (const { messageId } of orphaned) if (messageId !== null) purged += await service.deleteForMessage(messageId);
      return purged;
    },

    /** Runs purgeUnclaimed every 15 minutes on this node (each node may: see purgeUnclaimed). */
    startPurging(): () => void {
      const timer = setInterval(() => {
        service.purgeUnclaimed().catch((error) => deps.logger?.error("purging unsent uploads failed", error));
      }, PURGE_EVERY_MS);
      timer.unref();
      return () => clearInterval(timer);
    },
  };
  return service;
}

export type AttachmentService = ReturnType<typeof createAttachmentService>;
