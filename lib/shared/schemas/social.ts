import { z } from "@/lib/shared/schemas/zod";
import { usernameRefSchema } from "@/lib/shared/schemas/strings";

const username = usernameRefSchema;

/** `/msg (alice bob) hi`: 1–9 others. */
export const openDmSchema = z.object({
  usernames: z.array(username).min(1, "Say who to message").max(9, "Group messages can include at most 9 others"),
});

export const blockSchema = z.object({ usernames: z.array(username).min(1, "Say who to block").max(20, "Block at most 20 users at once") });

export const checkUserSchema = z.object({ username });

export const recentUsersSchema = z.object({
  minutes: z
    .number({ error: "Give a number of minutes from 1 to 60" })
    .int("Give a whole number of minutes")
    .min(1, "Give a number of minutes from 1 to 60")
    .max(60, "Give a number of minutes from 1 to 60"),
});
