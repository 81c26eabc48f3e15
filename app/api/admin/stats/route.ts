import { adminQuery } from "@/lib/server/admin/route";
import { emptyQuerySchema } from "@/lib/shared/schemas/moderation";

export const GET = adminQuery("moderator", emptyQuerySchema, async ({ context }) => {
  const since = new Date(Date.now() - 24 * 3_600_000);
  const [sanctions, spam24h, openReports, online] = await Promise.all([
    context.moderation.sanctions.activeCounts(),
    context.db.spamEvent.count({ where: { createdAt: { gte: since } } }),
    context.moderation.reports.openCount(),
    context.presence.count(),
  ]);
  return {
    online,
    messagesPerMinute: context.moderation.messageRate.lastHour(),
    activeBans: sanctions.bans,
    activeTimeouts: sanctions.timeouts,
    spam24h,
    openReports,
  };
});
