import { z } from "@/lib/shared/schemas/zod";
import { displayNameSchema } from "@/lib/shared/schemas/auth";

export const STATUS_LINE_MAX_CHARS = 80;

/** Limits shared by the upload form (for an early hint) and the server (which decides). */
export const AVATAR_MAX_BYTES = 2 * 1024 * 1024;
export const AVATAR_MAX_SIDE = 4096;
export const AVATAR_OUTPUT_SIDE = 256;
export const AVATAR_ACCEPT = "image/png,image/jpeg,image/webp,image/gif";

/** One line: runs of whitespace (newlines included) become a single space. */
export const statusLineSchema = z
  .string({ error: "Status must be text" })
  .transform((s) => s.replace(/\s+/g, " ").trim())
  .refine((s) => [...s].length <= STATUS_LINE_MAX_CHARS, `Status must be at most ${STATUS_LINE_MAX_CHARS} characters`);

/** PATCH /api/profile: every field optional, at least one present. */
export const updateProfileSchema = z
  .strictObject(
    {
      displayName: displayNameSchema.optional(),
      statusLine: statusLineSchema.optional(),
      pushEnabled: z.boolean({ error: "pushEnabled must be true or false" }).optional(),
    },
    { error: "Only displayName, statusLine and pushEnabled can be changed here" },
  )
  .refine((v) => Object.values(v).some((x) => x !== undefined), "Nothing to change");
export type UpdateProfileInput = z.infer<typeof updateProfileSchema>;

/** What anyone signed in may see about a user: nothing private. */
export interface PublicProfile {
  id: string;
  username: string;
  displayName: string;
  /** `/api/avatars/<name>.webp`, or null for the initials fallback. */
  avatarUrl: string | null;
  statusLine: string;
  /** ISO 8601. */
  joinedAt: string;
  /** ISO 8601; null until the user's first disconnect. */
  lastSeenAt: string | null;
  /**
   * Connected right now. Only answers that know presence carry it (`user:check` over the
   * socket); GET /api/users/[id] leaves it out and the card takes it from the caller.
   */
  online?: boolean;
}

/** The signed-in user's own view: the public profile plus their private settings. */
export interface OwnProfile extends PublicProfile {
  pushEnabled: boolean;
}
