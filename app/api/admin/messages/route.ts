import { adminMutation, adminQuery } from "@/lib/admin/route";
import { deleteMessageSchema, messageSearchSchema } from "@/lib/schemas/moderation";

const PAGE = 50;

export const GET = adminQuery("moderator", messageSearchSchema, async ({ context, input }) => {
  const rows = await context.db.message.findMany({
    where: {
      ...(input.username ? { author: { username: input.username } } : {}),
      ...(input.text ? { body: { contains: input.text } } : {}),
    },
    orderBy: { id: "desc" },
    skip: (input.page - 1) * PAGE,
    take: PAGE + 1,
    include: { author: { select: { id: true, username: true, displayName: true } }, room: { select: { name: true, kind: true } } },
  });
  return {
    hasMore: rows.length > PAGE,
    messages: rows.slice(0, PAGE).map((m) => ({
      id: m.id,
      body: m.body,
      removed: !!m.deletedAt,
      kind: m.kind,
      author: m.author,
      room: m.room.kind === "dm" ? "direct message" : `#${m.room.name}`,
      createdAt: m.createdAt.toISOString(),
    })),
  };
});

export const DELETE = adminMutation("moderator", deleteMessageSchema, async ({ actor, context, input }) => context.moderation.actions.deleteMessage(actor, input));
