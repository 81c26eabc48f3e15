import { z } from "zod";
import { usernameRefSchema } from "@/lib/schemas/strings";

const reason = z.string().trim().max(500, "Reasons are at most 500 characters").default("");
const userId = z.string({ error: "Say which user" }).min(1, "Say which user").max(64);

/** Temp-ban presets offered by the console; any whole number of minutes also works. */
export const BAN_PRESETS_MINUTES = { "10 min": 10, "1 h": 60, "24 h": 1440, "7 d": 10080 } as const;

export const banSchema = z.object({
  userId,
  reason,
  /** Omitted or null: permanent. */
  minutes: z.number().int("Give whole minutes").min(1, "A temporary ban lasts at least 1 minute").max(525_600, "A temporary ban lasts at most a year").nullish(),
  /** Admins only: also ban the user's last known IP address. */
  ip: z.boolean().default(false),
});
export type BanInput = z.infer<typeof banSchema>;

export const timeoutSchema = z.object({
  userId,
  reason,
  minutes: z.number({ error: "Say how many minutes" }).int("Give whole minutes").min(1, "A timeout lasts at least 1 minute").max(40_320, "A timeout lasts at most 28 days"),
});
export type TimeoutInput = z.infer<typeof timeoutSchema>;

export const targetUserSchema = z.object({ userId, reason });
export type TargetUserInput = z.infer<typeof targetUserSchema>;

export const roleSchema = z.object({ userId, role: z.enum(["user", "moderator", "admin"], { error: "Role must be user, moderator or admin" }), reason });

export const deleteMessageSchema = z.object({ messageId: z.number().int().positive(), reason });

export const reportSchema = z.object({
  messageId: z.number({ error: "Say which message" }).int().positive(),
  reason: z.enum(["spam", "abuse", "other"], { error: "Pick a reason: spam, abuse or other" }),
  note: z.string().trim().max(500, "Notes are at most 500 characters").default(""),
});
export type ReportInput = z.infer<typeof reportSchema>;

export const resolveReportSchema = z.object({
  reportId: z.string().min(1),
  action: z.enum(["delete", "timeout", "ban", "dismiss"]),
  minutes: z.number().int().min(1).max(525_600).optional(),
  reason,
});

export const userSearchSchema = z.object({
  query: z.string().trim().max(40).default(""),
  sort: z.enum(["username", "displayName", "role", "createdAt", "lastSeenAt"]).default("createdAt"),
  order: z.enum(["asc", "desc"]).default("desc"),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(5).max(100).default(25),
});

export const messageSearchSchema = z.object({
  username: usernameRefSchema.optional(),
  text: z.string().trim().max(100).default(""),
  page: z.coerce.number().int().min(1).default(1),
});

export const auditFilterSchema = z.object({
  action: z.string().max(40).optional(),
  actor: z.string().max(20).optional(),
  target: z.string().max(20).optional(),
  page: z.coerce.number().int().min(1).default(1),
});

const seconds = (max: number) => z.number().int().min(1).max(max);
export const moderationSettingsSchema = z.object({
  flood: z.object({ messages: z.number().int().min(2).max(100), windowSeconds: seconds(600) }),
  /** A second flood within this many seconds of a warning is an automatic temp-ban. */
  repeatWindowSeconds: seconds(3600),
  duplicate: z.object({ count: z.number().int().min(2).max(50), windowSeconds: seconds(3600) }),
  /** Auto-ban lengths, one per strike; the last repeats. */
  escalationMinutes: z.array(z.number().int().min(1).max(525_600)).min(1).max(10),
  strikeDecayHours: z.number().int().min(1).max(24 * 30),
  wordFilter: z.object({ words: z.array(z.string().trim().min(1).max(50)).max(500), mode: z.enum(["block", "mask"]) }),
  login: z.object({ maxAttempts: z.number().int().min(1).max(50), blockSeconds: seconds(86_400), ipMaxFailures: z.number().int().min(5).max(1000), ipWindowSeconds: seconds(86_400) }),
});
export type ModerationSettings = z.infer<typeof moderationSettingsSchema>;

export const slowModeSchema = z.object({ roomId: z.string().min(1), seconds: z.number().int().min(0, "Slow mode is 0–21600 seconds").max(21_600, "Slow mode is 0–21600 seconds") });

/** One console endpoint for every action on a user; `action` picks the rule set. */
export const userActionSchema = z.discriminatedUnion("action", [
  banSchema.extend({ action: z.literal("ban") }),
  targetUserSchema.extend({ action: z.literal("unban") }),
  timeoutSchema.extend({ action: z.literal("timeout") }),
  targetUserSchema.extend({ action: z.literal("end-timeout") }),
  targetUserSchema.extend({ action: z.literal("kick") }),
  targetUserSchema.extend({ action: z.literal("logout") }),
  roleSchema.extend({ action: z.literal("role") }),
], { error: "Pick an action: ban, unban, timeout, end-timeout, kick, logout or role" });
export type UserActionInput = z.infer<typeof userActionSchema>;

export const emptyQuerySchema = z.object({});
