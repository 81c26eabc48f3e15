import { adminQuery } from "@/lib/server/admin/route";
import { emptyQuerySchema } from "@/lib/shared/schemas/moderation";

export const GET = adminQuery("moderator", emptyQuerySchema, async ({ context }) => {
  const rows = await context.db.spamEvent.findMany({ orderBy: { id: "desc" }, take: 200 });
  return { events: rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })) };
});
