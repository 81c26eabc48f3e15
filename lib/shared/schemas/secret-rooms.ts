import { z } from "@/lib/shared/schemas/zod";

/** Random, made by the server: 16 bytes as base64url. */
export const SECRET_ROOM_ID_CHARS = 22;
/** A 2000-character message is at most 8,000 bytes of UTF-8, plus the 16-byte tag, as base64url. */
export const MAX_SECRET_CIPHERTEXT_CHARS = 10_700;
export const SECRET_ALIAS_MAX = 32;
export const DEFAULT_SECRET_MEMBER_LIMIT = 20;

const base64url = /^[A-Za-z0-9_-]+$/;

export const secretRoomIdSchema = z
  .string({ error: "Give the secret room's id" })
  .length(SECRET_ROOM_ID_CHARS, "That secret room link is incomplete: ask for the whole link again.")
  .regex(base64url, "That secret room link is incomplete: ask for the whole link again.");

/** Used in `/purr <alias> …`, so one word: letters, digits, `_`, `.` and `-`. */
export const secretAliasSchema = z
  .string({ error: "Choose an alias" })
  .trim()
  .min(1, "Choose an alias")
  .max(SECRET_ALIAS_MAX, `Aliases are at most ${SECRET_ALIAS_MAX} characters`)
  .regex(/^[\p{L}\p{N}_.-]+$/u, "Aliases are one word: letters, digits, _ . and -");

/** What the server relays: opaque to it. The IV is 12 bytes; the ciphertext carries a 16-byte tag. */
export const secretEnvelopeSchema = z.object({
  iv: z.string().length(16, "The message's IV must be 12 bytes").regex(base64url, "The message's IV must be base64url"),
  ciphertext: z
    .string()
    .min(22, "The message is too short to be a ciphertext")
    .max(MAX_SECRET_CIPHERTEXT_CHARS, "That message is too long: keep it under 2000 characters.")
    .regex(base64url, "The message must be base64url ciphertext"),
});

export const secretRoomRefSchema = z.object({ roomId: secretRoomIdSchema });
export const secretJoinSchema = z.object({ roomId: secretRoomIdSchema, alias: secretAliasSchema });
export const secretSendSchema = z.object({ roomId: secretRoomIdSchema, envelope: secretEnvelopeSchema });
export const secretWhisperSchema = z.object({ roomId: secretRoomIdSchema, to: secretAliasSchema, envelope: secretEnvelopeSchema });
export const secretKickSchema = z.object({ roomId: secretRoomIdSchema, alias: secretAliasSchema });

export type SecretEnvelopeInput = z.infer<typeof secretEnvelopeSchema>;

/** The console's switch, and which roles may create rooms (anyone signed in may join one by link). */
export const secretRoomSettingsSchema = z.object({
  enabled: z.boolean({ error: "Secret rooms are on or off" }),
  creatorRoles: z
    .array(z.enum(["user", "moderator", "admin"], { error: "Roles are user, moderator or admin" }))
    .min(1, "Pick at least one role that may create secret rooms (or turn them off)"),
  memberLimit: z
    .number({ error: "Secret rooms: members must be a number" })
    .int("Secret rooms: members must be a whole number")
    .min(2, "Secret rooms: members must be between 2 and 200")
    .max(200, "Secret rooms: members must be between 2 and 200"),
});
export type SecretRoomSettings = z.infer<typeof secretRoomSettingsSchema>;
export const defaultSecretRoomSettings: SecretRoomSettings = {
  enabled: true,
  creatorRoles: ["user", "moderator", "admin"],
  memberLimit: DEFAULT_SECRET_MEMBER_LIMIT,
};

export interface SecretMember {
  alias: string;
  creator: boolean;
}

export interface SecretJoinResult {
  roomId: string;
  alias: string;
  /** The joining person made this room: they may /kick and /stop. */
  creator: boolean;
  members: SecretMember[];
  memberLimit: number;
}
