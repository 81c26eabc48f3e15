import { adminQuery } from "@/lib/server/admin/route";
import { auditFilterSchema } from "@/lib/shared/schemas/moderation";

/** Read-only by design: the audit log has no route that edits or deletes. */
export const GET = adminQuery("moderator", auditFilterSchema, async ({ context, input }) => context.moderation.audit.list(input));
