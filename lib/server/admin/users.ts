import "server-only";
import type { z } from "zod";
import type { AppContext } from "@/lib/server/context";
import { containsIgnoringCase } from "@/lib/server/db/text-filters";
import type { userSearchSchema } from "@/lib/shared/schemas/moderation";

export interface ConsoleUser {
  id: string;
  username: string;
  displayName: string;
  role: string;
  joinedAt: string;
  lastSeenAt: string | null;
  online: boolean;
  /** "active", "banned until …", "banned permanently", "timed out until …" */
  status: string;
  bannedUntil: string | null;
  timedOutUntil: string | null;
}

/** The console's users table: search, sort, paginate, with live status. */
export async function listUsersForConsole(context: AppContext, input: z.infer<typeof userSearchSchema>) {
  const q = input.query.toLowerCase();
  const where = q ? { OR: [{ username: { contains: q } }, { displayName: containsIgnoringCase(context.db, input.query) }] } : {};
  const [total, rows, onlineIds] = await Promise.all([
    context.db.user.count({ where }),
    context.db.user.findMany({
      where,
      orderBy: { [input.sort]: input.order },
      skip: (input.page - 1) * input.pageSize,
      take: input.pageSize,
      select: { id: true, username: true, displayName: true, role: true, createdAt: true, lastSeenAt: true },
    }),
    context.presence.onlineIds(),
  ]);
  const online = new Set(onlineIds);
  const users: ConsoleUser[] = [];
  for (const row of rows) {
    const standing = await context.moderation.sanctions.standing(row.id);
    const until = (d: Date | null) => (d ? d.toISOString() : null);
    const status = standing.ban
      ? standing.ban.until
        ? `banned until ${until(standing.ban.until)}`
        : "banned permanently"
      : standing.timeout
        ? `timed out until ${until(standing.timeout.until)}`
        : "active";
    users.push({
      id: row.id,
      username: row.username,
      displayName: row.displayName,
      role: row.role,
      joinedAt: row.createdAt.toISOString(),
      lastSeenAt: row.lastSeenAt?.toISOString() ?? null,
      online: online.has(row.id),
      status,
      bannedUntil: standing.ban ? (until(standing.ban.until) ?? "permanent") : null,
      timedOutUntil: standing.timeout ? until(standing.timeout.until) : null,
    });
  }
  return { users, total, page: input.page, pageSize: input.pageSize };
}
