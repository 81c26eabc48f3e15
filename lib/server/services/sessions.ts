import "server-only";
import type { Db } from "@/lib/server/db/client";

export type EndReason = "logout" | "idle" | "kicked" | "banned";

/** How often (at most) activity is written through to the database (other nodes read it there). */
const WRITE_EVERY_MS = 60_000;
/** Session ids are cuids; anything else can only be a forged or broken claim. */
const SESSION_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Browser sessions and user activity. The JWT cookie carries the session id, so the
 * server can end a session (logout, idle timeout, moderation). Activity is kept in
 * memory and written through at most once a minute, off the message hot path.
 */
export function createSessionService(deps: { db: Db; idleTimeoutMs: number; now?: () => number; onError?: (error: unknown) => void }) {
  const { db, idleTimeoutMs } = deps;
  const now = deps.now ?? Date.now;
  const sessionActivity = new Map<string, number>();
  const userActivity = new Map<string, number>();
  const written = new Map<string, number>();
  // Short idle timeouts (tests, strict installs) need fresher stored activity.
  const writeEvery = Math.min(WRITE_EVERY_MS, Math.max(250, idleTimeoutMs / 4));

  function writeThrough(sessionId: string, userId: string, at: number) {
    if (at - (written.get(sessionId) ?? 0) < writeEvery) return;
    written.set(sessionId, at);
    const date = new Date(at);
    Promise.all([
      db.userSession.updateMany({ where: { id: sessionId, endedAt: null }, data: { lastActiveAt: date } }),
      db.user.updateMany({ where: { id: userId }, data: { lastActiveAt: date } }),
    ]).catch((error) => deps.onError?.(error));
  }

  const service = {
    idleTimeoutMs,

    async start(userId: string): Promise<string> {
      const at = now();
      const row = await db.userSession.create({ data: { userId, lastActiveAt: new Date(at) } });
      sessionActivity.set(row.id, at);
      userActivity.set(userId, at);
      written.set(row.id, at);
      await db.user.updateMany({ where: { id: userId }, data: { lastActiveAt: new Date(at) } });
      return row.id;
    },

    /** The session's user id while it is live; ends it first if it went idle. */
    async check(sessionId: string): Promise<{ userId: string } | { ended: EndReason }> {
      // A signed token can still carry any claim: one that is no id of ours names no session,
      // and must not reach the database (PostgreSQL refuses a NUL in text with an error).
      if (!SESSION_ID.test(sessionId)) return { ended: "logout" };
      const row = await db.userSession.findUnique({ where: { id: sessionId }, select: { userId: true, endedAt: true, endReason: true, lastActiveAt: true } });
      if (!row) return { ended: "logout" };
      if (row.endedAt) return { ended: (row.endReason as EndReason | null) ?? "logout" };
      const last = Math.max(sessionActivity.get(sessionId) ?? 0, row.lastActiveAt.getTime());
      sessionActivity.set(sessionId, last);
      if (now() - last >= idleTimeoutMs) {
        await service.end(sessionId, "idle");
        return { ended: "idle" };
      }
      return { userId: row.userId };
    },

    /** A real user action (not a background ping). */
    touch(sessionId: string, userId: string): void {
      const at = now();
      sessionActivity.set(sessionId, at);
      userActivity.set(userId, at);
      writeThrough(sessionId, userId, at);
    },

    isIdle(sessionId: string): boolean {
      const last = sessionActivity.get(sessionId);
      return last !== undefined && now() - last >= idleTimeoutMs;
    },

    /**
     * Idle here, and idle by the stored activity too: the person may be busy in a tab
     * connected to another node, which writes its activity through to the database.
     */
    async confirmIdle(sessionId: string): Promise<boolean> {
      if (!service.isIdle(sessionId)) return false;
      const row = await db.userSession.findUnique({ where: { id: sessionId }, select: { lastActiveAt: true, endedAt: true } });
      if (!row || row.endedAt) return true;
      const last = Math.max(sessionActivity.get(sessionId) ?? 0, row.lastActiveAt.getTime());
      sessionActivity.set(sessionId, last);
      return now() - last >= idleTimeoutMs;
    },

    /** True when this call ended it: two nodes' idle sweeps may race, and only one may tell the tabs. */
    async end(sessionId: string, reason: EndReason): Promise<boolean> {
      sessionActivity.delete(sessionId);
      written.delete(sessionId);
      const { count } = await db.userSession.updateMany({ where: { id: sessionId, endedAt: null }, data: { endedAt: new Date(now()), endReason: reason } });
      return count > 0;
    },

    /** Users who did anything in the last `minutes` (this node's memory and the stored times). */
    async activeSince(minutes: number): Promise<string[]> {
      const cutoff = now() - minutes * 60_000;
      const rows = await db.user.findMany({ where: { lastActiveAt: { gte: new Date(cutoff) } }, select: { id: true } });
      const ids = new Set(rows.map((r) => r.id));
      for (const [userId, at] of userActivity) if (at >= cutoff) ids.add(userId);
      return [...ids];
    },

    lastActivity(userId: string): number | undefined {
      return userActivity.get(userId);
    },
  };
  return service;
}

export type SessionService = ReturnType<typeof createSessionService>;
