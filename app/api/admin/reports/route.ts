import { adminMutation, adminQuery } from "@/lib/server/admin/route";
import { emptyQuerySchema, resolveReportSchema } from "@/lib/shared/schemas/moderation";

export const GET = adminQuery("moderator", emptyQuerySchema, async ({ context }) => ({ queue: await context.moderation.reports.queue() }));

/** Resolve with an action on the reported message's author, or dismiss. */
export const POST = adminMutation("moderator", resolveReportSchema, async ({ actor, context, input }) => {
  const { reports, actions, audit } = context.moderation;
  const { messageId, authorId } = await reports.messageOf(input.reportId);
  const reason = input.reason || "reported message";
  // Already removed (by another moderator or the delete button): the reports still close.
  if (input.action === "delete")
    await actions.deleteMessage(actor, { messageId, reason }).catch((error: { code?: string }) => {
      if (error.code !== "NOT_FOUND") throw error;
    });
  if (input.action === "timeout") await actions.timeout(actor, { userId: authorId, minutes: input.minutes ?? 10, reason });
  if (input.action === "ban") await actions.ban(actor, { userId: authorId, minutes: input.minutes ?? null, reason, ip: false });
  const closed = await reports.close(messageId, actor.id, input.action);
  const author = await context.db.user.findUnique({ where: { id: authorId }, select: { id: true, username: true } });
  await audit.record({
    actor: { id: actor.id, username: actor.username },
    action: input.action === "dismiss" ? "dismiss-report" : "resolve-report",
    target: author,
    reason,
    details: { messageId, reports: closed, action: input.action },
  });
  return { closed };
});
