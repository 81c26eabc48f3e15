import { adminMutation, adminQuery } from "@/lib/server/admin/route";
import { deleteMessageSchema, messageSearchSchema } from "@/lib/shared/schemas/moderation";
import { searchMessages } from "@/lib/server/services/moderation/message-search";

export const GET = adminQuery("moderator", messageSearchSchema, async ({ context, input }) => searchMessages(context.db, input));

export const DELETE = adminMutation("moderator", deleteMessageSchema, async ({ actor, context, input }) =>
  context.moderation.actions.deleteMessage(actor, input),
);
