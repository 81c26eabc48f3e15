import "server-only";
import type { Db } from "@/lib/server/db/client";
import { AppError } from "@/lib/shared/errors";
import { mayRead } from "@/lib/server/services/messages";
import type { ReportInput } from "@/lib/shared/schemas/moderation";
import type { PublicUser } from "@/lib/shared/types";

export interface ReportQueueItem {
  messageId: number;
  roomId: string;
  roomName: string;
  message: { body: string; author: PublicUser; createdAt: string; removed: boolean };
  context: Array<{ id: number; body: string; author: string; removed: boolean }>;
  reports: Array<{ id: string; reporter: string; reason: string; note: string; createdAt: string }>;
  count: number;
}

const userSelect = { id: true, username: true, displayName: true } as const;

export function createReportService(deps: { db: Db; isMember: (roomId: string, userId: string) => Promise<boolean> }) {
  const { db } = deps;

  return {
    /** Anyone may report a message they can see, once. */
    async create(reporterId: string, input: ReportInput): Promise<void> {
      const message = await db.message.findUnique({
        where: { id: input.messageId },
        select: { roomId: true, authorId: true, recipientId: true, deletedAt: true },
      });
      const canSee = message && mayRead(message, reporterId) && (await deps.isMember(message.roomId, reporterId));
      if (!message || !canSee || message.deletedAt) throw new AppError("NOT_FOUND", "That message does not exist or was removed.");
      if (message.authorId === reporterId) throw new AppError("VALIDATION", "You can't report your own message.");
      try {
        await db.report.create({ data: { messageId: input.messageId, reporterId, reason: input.reason, note: input.note } });
      } catch (error) {
        if ((error as { code?: string }).code === "P2002") throw new AppError("CONFLICT", "You already reported this message. A moderator will look at it.");
        throw error;
      }
    },

    async openCount(): Promise<number> {
      return db.report.count({ where: { status: "open" } });
    },

    /** Open reports grouped by message, with two messages either side for context. */
    async queue(): Promise<ReportQueueItem[]> {
      const open = await db.report.findMany({
        where: { status: "open" },
        orderBy: { createdAt: "asc" },
        take: 500,
        include: { reporter: { select: { username: true } }, message: { include: { author: { select: userSelect }, room: { select: { name: true } } } } },
      });
      const byMessage = new Map<number, typeof open>();
      for (const r of open) byMessage.set(r.messageId, [...(byMessage.get(r.messageId) ?? []), r]);
      const items: ReportQueueItem[] = [];
      for (const [messageId, reports] of byMessage) {
        const m = reports[0]!.message;
        // A whisper's neighbours are unrelated room talk: show it alone.
        const around = await db.message.findMany({
          where: m.recipientId ? { id: messageId } : { roomId: m.roomId, recipientId: null, id: { gte: messageId - 50, lte: messageId + 50 } },
          orderBy: { id: "asc" },
          include: { author: { select: { username: true } } },
        });
        const at = around.findIndex((x) => x.id === messageId);
        const context = around
          .slice(Math.max(0, at - 2), at + 3)
          .map((x) => ({ id: x.id, body: x.deletedAt ? "" : x.body, author: x.author.username, removed: !!x.deletedAt }));
        items.push({
          messageId,
          roomId: m.roomId,
          roomName: m.room.name.startsWith("~dm:") ? "direct message" : `#${m.room.name}`,
          message: { body: m.body, author: m.author, createdAt: m.createdAt.toISOString(), removed: !!m.deletedAt },
          context,
          reports: reports.map((r) => ({ id: r.id, reporter: r.reporter.username, reason: r.reason, note: r.note, createdAt: r.createdAt.toISOString() })),
          count: reports.length,
        });
      }
      return items.sort((a, b) => b.count - a.count);
    },

    async messageOf(reportId: string): Promise<{ messageId: number; authorId: string }> {
      const report = await db.report.findUnique({ where: { id: reportId }, include: { message: { select: { authorId: true } } } });
      if (report?.status !== "open") throw new AppError("NOT_FOUND", "That report is not open any more.");
      return { messageId: report.messageId, authorId: report.message.authorId };
    },

    /** Closes every open report about the message with the action taken. */
    async close(messageId: number, actorId: string, action: string): Promise<number> {
      const { count } = await db.report.updateMany({
        where: { messageId, status: "open" },
        data: { status: action === "dismiss" ? "dismissed" : "resolved", action, resolvedById: actorId, resolvedAt: new Date() },
      });
      return count;
    },
  };
}

export type ReportService = ReturnType<typeof createReportService>;
