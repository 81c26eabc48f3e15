import { adminQuery } from "@/lib/server/admin/route";
import { listUsersForConsole } from "@/lib/server/admin/users";
import { userSearchSchema } from "@/lib/shared/schemas/moderation";

export const GET = adminQuery("moderator", userSearchSchema, async ({ context, input }) => listUsersForConsole(context, input));
