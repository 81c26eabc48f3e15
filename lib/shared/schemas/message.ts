import { z } from "@/lib/shared/schemas/zod";
import { HISTORY_PAGE_SIZE, MAX_ROW_ID, MESSAGE_MAX_CHARS, MESSAGE_TOO_LONG } from "@/lib/shared/schemas/limits";
import { usernameRefSchema } from "@/lib/shared/schemas/strings";

export { HISTORY_PAGE_SIZE, MESSAGE_MAX_CHARS };

const roomId = z.string({ error: "roomId is required" }).min(1, "roomId is required").max(64, "roomId is too long");
const messageId = z.number({ error: "Message ids are numbers" }).int().positive().max(MAX_ROW_ID, "No such message");

export const messageBodySchema = z
  .string({ error: "Message text is required" })
  .trim()
  .min(1, "Message can't be empty")
  .refine((s) => [...s].length <= MESSAGE_MAX_CHARS, MESSAGE_TOO_LONG);

/** How many files one message may carry. */
export const MAX_ATTACHMENTS = 10;
export const attachmentIdSchema = z.string({ error: "Attachment ids are strings" }).regex(/^[A-Za-z0-9_-]{22}$/, "No such upload");

export const sendMessageSchema = z
  .object({
    roomId,
    /** Optional when files are attached: it is their caption then. */
    body: z
      .string({ error: "Message text is required" })
      .trim()
      .refine((s) => [...s].length <= MESSAGE_MAX_CHARS, MESSAGE_TOO_LONG)
      .default(""),
    /** Uploads (POST /api/uploads) of the sender, not sent before: they go out with this message, in this order. */
    attachments: z
      .array(attachmentIdSchema)
      .max(MAX_ATTACHMENTS, `A message can carry at most ${MAX_ATTACHMENTS} files; send the rest in another message.`)
      .refine((ids) => new Set(ids).size === ids.length, "The same file is attached twice")
      .optional(),
    /** Chosen by the client per message; a resend with the same id is stored once. */
    clientId: z.string({ error: "clientId is required" }).min(8, "clientId is too short").max(64, "clientId is too long"),
    /** `me` is an action line (`/me waves`). */
    kind: z.enum(["text", "me"]).default("text"),
    /** A whisper: delivered only to this user (a member of the room) and the sender. */
    whisperTo: usernameRefSchema.optional(),
    /** The message this one answers: it must be in the same room and readable by the sender. */
    replyTo: messageId.optional(),
  })
  .refine((m) => m.body.length > 0 || (m.attachments?.length ?? 0) > 0, { message: "Message can't be empty", path: ["body"] });
export type SendMessageInput = z.infer<typeof sendMessageSchema>;

/** One message of a room: what edits, deletions and reactions point at. */
const messageRef = { roomId, messageId };

export const editMessageSchema = z.object({ ...messageRef, body: messageBodySchema });
export type EditMessageInput = z.infer<typeof editMessageSchema>;

export const deleteOwnMessageSchema = z.object(messageRef);
export type DeleteOwnMessageInput = z.infer<typeof deleteOwnMessageSchema>;

/** Its sender takes a message's link preview card away, for everyone. */
export const removePreviewSchema = z.object(messageRef);
export type RemovePreviewInput = z.infer<typeof removePreviewSchema>;

/** One emoji as Unicode draws it (skin tones, flags and families included); never text or markup. */
// biome-ignore lint/complexity/useRegexLiterals: a `v`-flag literal needs TypeScript's ES2024 target; Node 20 and every browser Parley supports run it.
const RGI_EMOJI = new RegExp("^\\p{RGI_Emoji}$", "v");
export const emojiSchema = z
  .string({ error: "Pick an emoji" })
  .trim()
  .min(1, "Pick an emoji")
  .max(32, "That is not one emoji")
  .refine((s) => RGI_EMOJI.test(s), "Reactions are single emoji");

export const reactionSchema = z.object({ ...messageRef, emoji: emojiSchema });
export type ReactionInput = z.infer<typeof reactionSchema>;

export const historySchema = z.object({
  roomId,
  before: messageId.optional(),
  /** Jump to a message (from search): about AROUND_PAGE_SIZE messages either side of it, it included. */
  around: messageId.optional(),
  limit: z.number().int().min(1).max(100).default(HISTORY_PAGE_SIZE),
});
export type HistoryInput = z.infer<typeof historySchema>;

export const joinRoomSchema = z.object({
  roomId,
  /** The newest message id the client already has: the server sends what came after. */
  afterId: z.number().int().min(0).max(MAX_ROW_ID).optional(),
});
export type JoinRoomInput = z.infer<typeof joinRoomSchema>;

export const typingSchema = z.object({ roomId });
export type TypingInput = z.infer<typeof typingSchema>;
