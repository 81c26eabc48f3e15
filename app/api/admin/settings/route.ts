import { adminMutation, adminQuery } from "@/lib/server/admin/route";
import { emptyQuerySchema, moderationSettingsSchema } from "@/lib/shared/schemas/moderation";

export const GET = adminQuery("moderator", emptyQuerySchema, async ({ context }) => ({ settings: context.moderation.settings.get() }));

/** Applies to the next message or login attempt; no restart needed. */
export const PUT = adminMutation("admin", moderationSettingsSchema, async ({ actor, context, input }) => {
  const before = context.moderation.settings.get();
  const settings = await context.moderation.settings.update(input);
  await context.moderation.audit.record({ actor: { id: actor.id, username: actor.username }, action: "settings", details: { before, after: settings } });
  return { settings };
});
