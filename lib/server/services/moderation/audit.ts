import "server-only";
import type { Db } from "@/lib/server/db/client";

export interface AuditEntry {
  actor: { id: string; username: string } | null;
  action: string;
  target?: { id: string; username: string } | null;
  reason?: string;
  details?: Record<string, unknown>;
}

export interface AuditRow {
  id: number;
  actorName: string;
  action: string;
  targetName: string | null;
  reason: string;
  details: Record<string, unknown>;
  createdAt: string;
}

const PAGE = 50;

/** Append-only: there is deliberately no update or delete here. */
export function createAuditLog(deps: { db: Db }) {
  return {
    async record(entry: AuditEntry): Promise<void> {
      await deps.db.auditLog.create({
        data: {
          actorId: entry.actor?.id ?? null,
          actorName: entry.actor?.username ?? "system",
          action: entry.action,
          targetUserId: entry.target?.id ?? null,
          targetName: entry.target?.username ?? null,
          reason: entry.reason ?? "",
          details: JSON.stringify(entry.details ?? {}),
        },
      });
    },

    /** The latest entry of one kind about a user (the reason a kicked person is shown). */
    async latestAbout(targetUserId: string, action: string): Promise<{ reason: string; createdAt: Date } | null> {
      return deps.db.auditLog.findFirst({ where: { targetUserId, action }, orderBy: { id: "desc" }, select: { reason: true, createdAt: true } });
    },

    async list(filter: { action?: string; actor?: string; target?: string; page: number }): Promise<{ rows: AuditRow[]; hasMore: boolean }> {
      const rows = await deps.db.auditLog.findMany({
        where: {
          ...(filter.action ? { action: filter.action } : {}),
          ...(filter.actor ? { actorName: filter.actor.toLowerCase() } : {}),
          ...(filter.target ? { targetName: filter.target.toLowerCase() } : {}),
        },
        orderBy: { id: "desc" },
        skip: (filter.page - 1) * PAGE,
        take: PAGE + 1,
      });
      return {
        hasMore: rows.length > PAGE,
        rows: rows.slice(0, PAGE).map((r) => ({
          id: r.id,
          actorName: r.actorName,
          action: r.action,
          targetName: r.targetName,
          reason: r.reason,
          details: JSON.parse(r.details) as Record<string, unknown>,
          createdAt: r.createdAt.toISOString(),
        })),
      };
    },
  };
}

export type AuditLogService = ReturnType<typeof createAuditLog>;
