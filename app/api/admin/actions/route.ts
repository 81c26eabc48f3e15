import { adminMutation } from "@/lib/server/admin/route";
import { userActionSchema } from "@/lib/shared/schemas/moderation";

/** Every action on a user; the service re-checks the actor's role per action. */
export const POST = adminMutation("moderator", userActionSchema, async ({ actor, context, input }) => {
  const { actions } = context.moderation;
  switch (input.action) {
    case "ban":
      return { sanction: await actions.ban(actor, input) };
    case "unban":
      return actions.unban(actor, input);
    case "timeout":
      return { sanction: await actions.timeout(actor, input) };
    case "end-timeout":
      return actions.untimeout(actor, input);
    case "kick":
      return actions.kick(actor, input);
    case "logout":
      return actions.forceLogout(actor, input);
    case "role":
      return actions.setRole(actor, input);
  }
});
