import { adminQuery } from "@/lib/admin/route";
import { listUsersForConsole } from "@/lib/admin/users";
import { userSearchSchema } from "@/lib/schemas/moderation";

export const GET = adminQuery("moderator", userSearchSchema, async ({ context, input }) => listUsersForConsole(context, input));
