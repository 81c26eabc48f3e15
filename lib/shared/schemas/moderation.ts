import { secretRoomSettingsSchema } from "@/lib/shared/schemas/secret-rooms";
import { z } from "@/lib/shared/schemas/zod";
import { usernameRefSchema } from "@/lib/shared/schemas/strings";
import { MAX_ROW_ID } from "@/lib/shared/schemas/limits";

const reason = z.string().trim().max(500, "Reasons are at most 500 characters").default("");
const userId = z.string({ error: "Say which user" }).min(1, "Say which user").max(64);

/** Temp-ban presets offered by the console; any whole number of minutes also works. */
export const BAN_PRESETS_MINUTES = { "10 min": 10, "1 h": 60, "24 h": 1440, "7 d": 10080 } as const;

export const banSchema = z.object({
  userId,
  reason,
  /** Omitted or null: permanent. */
  minutes: z
    .number()
    .int("Give whole minutes")
    .min(1, "A temporary ban lasts at least 1 minute")
    .max(525_600, "A temporary ban lasts at most a year")
    .nullish(),
  /** Admins only: also ban the user's last known IP address. */
  ip: z.boolean().default(false),
});
export type BanInput = z.infer<typeof banSchema>;

export const timeoutSchema = z.object({
  userId,
  reason,
  minutes: z
    .number({ error: "Say how many minutes" })
    .int("Give whole minutes")
    .min(1, "A timeout lasts at least 1 minute")
    .max(40_320, "A timeout lasts at most 28 days"),
});
export type TimeoutInput = z.infer<typeof timeoutSchema>;

export const targetUserSchema = z.object({ userId, reason });
export type TargetUserInput = z.infer<typeof targetUserSchema>;

export const roleSchema = z.object({ userId, role: z.enum(["user", "moderator", "admin"], { error: "Role must be user, moderator or admin" }), reason });

export const deleteMessageSchema = z.object({ messageId: z.number().int().positive().max(MAX_ROW_ID, "No such message"), reason });

export const reportSchema = z.object({
  messageId: z.number({ error: "Say which message" }).int().positive().max(MAX_ROW_ID, "No such message"),
  reason: z.enum(["spam", "abuse", "other"], { error: "Pick a reason: spam, abuse or other" }),
  note: z.string().trim().max(500, "Notes are at most 500 characters").default(""),
});
export type ReportInput = z.infer<typeof reportSchema>;
export type ReportReason = ReportInput["reason"];

export const resolveReportSchema = z.object({
  reportId: z.string({ error: "Say which report" }).min(1, "Say which report"),
  action: z.enum(["delete", "timeout", "ban", "dismiss"], { error: "Pick delete, timeout, ban or dismiss" }),
  minutes: z.number({ error: "Minutes must be a number" }).int("Give whole minutes").min(1, "At least 1 minute").max(525_600, "At most a year").optional(),
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
export type MessageSearchInput = z.infer<typeof messageSearchSchema>;

export const auditFilterSchema = z.object({
  action: z.string().max(40).optional(),
  actor: z.string().max(20).optional(),
  target: z.string().max(20).optional(),
  page: z.coerce.number().int().min(1).default(1),
});

/** A whole number in a range, with a sentence that names the setting. */
const between = (label: string, min: number, max: number) =>
  z
    .number({ error: `${label} must be a number` })
    .int(`${label} must be a whole number`)
    .min(min, `${label} must be between ${min} and ${max}`)
    .max(max, `${label} must be between ${min} and ${max}`);
export const moderationSettingsSchema = z.object({
  flood: z.object({ messages: between("Flood: messages", 2, 100), windowSeconds: between("Flood: window (seconds)", 1, 600) }),
  /** A second flood within this many seconds of a warning is an automatic temp-ban. */
  repeatWindowSeconds: between("Repeat window (seconds)", 1, 3600),
  duplicate: z.object({ count: between("Duplicates: count", 2, 50), windowSeconds: between("Duplicates: window (seconds)", 1, 3600) }),
  /** Auto-ban lengths, one per strike; the last repeats. */
  escalationMinutes: z
    .array(between("Each auto-ban length (minutes)", 1, 525_600))
    .min(1, "Give at least one auto-ban length")
    .max(10, "Give at most 10 auto-ban lengths"),
  strikeDecayHours: between("Strike decay (hours)", 1, 24 * 30),
  wordFilter: z.object({
    words: z
      .array(z.string().trim().min(1, "Filtered words can't be empty").max(50, "Filtered words are at most 50 characters"))
      .max(500, "The word filter holds at most 500 words"),
    mode: z.enum(["block", "mask"], { error: "Word filter mode is block or mask" }),
  }),
  login: z.object({
    maxAttempts: between("Login: attempts before a block", 1, 50),
    blockSeconds: between("Login: block (seconds)", 1, 86_400),
    ipMaxFailures: between("Login: failures per address", 5, 1000),
    ipWindowSeconds: between("Login: address window (seconds)", 1, 86_400),
  }),
  /** Per network address: an office or school behind one NAT signs up together. */
  signUp: z.object({ perAddressPerHour: between("Sign-ups per address per hour", 1, 10_000) }),
  /** Attachments: the largest file, and what one person may upload in 24 hours. */
  files: z.object({ maxMb: between("Largest file (MB)", 1, 1024), dailyQuotaMb: between("Uploads per person per day (MB)", 1, 100_000) }),
  /** Link preview cards, server-wide (rooms can turn theirs off too). */
  linkPreviews: z.object({ enabled: z.boolean({ error: "Link previews are on or off" }) }),
  /** End-to-end encrypted rooms that store nothing: on or off, and who may create one. */
  secretRooms: secretRoomSettingsSchema,
});
export type ModerationSettings = z.infer<typeof moderationSettingsSchema>;

export const slowModeSchema = z.object({
  roomId: z.string().min(1),
  seconds: z.number().int().min(0, "Slow mode is 0–21600 seconds").max(21_600, "Slow mode is 0–21600 seconds"),
});

/** One console endpoint for every action on a user; `action` picks the rule set. */
export const userActionSchema = z.discriminatedUnion(
  "action",
  [
    banSchema.extend({ action: z.literal("ban") }),
    targetUserSchema.extend({ action: z.literal("unban") }),
    timeoutSchema.extend({ action: z.literal("timeout") }),
    targetUserSchema.extend({ action: z.literal("end-timeout") }),
    targetUserSchema.extend({ action: z.literal("kick") }),
    targetUserSchema.extend({ action: z.literal("logout") }),
    roleSchema.extend({ action: z.literal("role") }),
  ],
  { error: "Pick an action: ban, unban, timeout, end-timeout, kick, logout or role" },
);
export type UserActionInput = z.infer<typeof userActionSchema>;

export const emptyQuerySchema = z.object({});
