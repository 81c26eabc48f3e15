import { z } from "@/lib/shared/schemas/zod";
import { withoutPrefix } from "@/lib/shared/schemas/strings";
import { MAX_ROW_ID } from "@/lib/shared/schemas/limits";

export const ROOM_KINDS = ["public", "private", "hidden"] as const;

export const roomNameSchema = withoutPrefix(
  "#",
  z
    .string({ error: "Room name is required" })
    .trim()
    .toLowerCase()
    .min(2, "Room names are 2–30 characters")
    .max(30, "Room names are 2–30 characters")
    .regex(/^[a-z0-9_-]+$/, "Room names may only use letters, digits, - and _"),
);

const roomPasswordSchema = z.string().min(1, "Enter the room password").max(200, "Room passwords are at most 200 characters");
const memberLimitSchema = z
  .number({ error: "The member limit must be a number" })
  .int("The member limit must be a whole number")
  .min(0, "The member limit can't be negative")
  .max(10_000, "The member limit is at most 10000");

export const createRoomSchema = z
  .object({
    name: roomNameSchema,
    description: z.string().trim().max(200, "Descriptions are at most 200 characters").default(""),
    kind: z.enum(ROOM_KINDS).default("public"),
    password: roomPasswordSchema.optional(),
    memberLimit: memberLimitSchema.default(0),
  })
  .refine((r) => r.kind !== "private" || !!r.password, { message: "A private room needs a password", path: ["password"] });
export type CreateRoomInput = z.infer<typeof createRoomSchema>;

// Lives in limits.ts (zod-free): the room settings form in the browser checks it too.
export { memberLimitTooLow } from "@/lib/shared/schemas/limits";

export const updateRoomSchema = z.object({
  roomId: z.string().min(1),
  description: z.string().trim().max(200, "Descriptions are at most 200 characters").optional(),
  /** null removes the password (the room becomes public unless hidden). */
  password: roomPasswordSchema.nullable().optional(),
  memberLimit: memberLimitSchema.optional(),
  /** Seconds between one member's messages; 0 turns slow mode off. */
  slowModeSeconds: z
    .number({ error: "Slow mode must be a number of seconds" })
    .int()
    .min(0, "Slow mode is 0–21600 seconds")
    .max(21_600, "Slow mode is 0–21600 seconds")
    .optional(),
  /** Link preview cards under messages with a link; false turns them off in this room. */
  linkPreviews: z.boolean({ error: "Link previews are on or off" }).optional(),
});
export type UpdateRoomInput = z.infer<typeof updateRoomSchema>;

/** Join by id (from the sidebar/browser) or by name (`/join name password`). */
export const enterRoomSchema = z
  .object({
    roomId: z.string().min(1).max(64).optional(),
    name: roomNameSchema.optional(),
    password: z.string().max(200).optional(),
    afterId: z.number().int().min(0).max(MAX_ROW_ID).optional(),
    /** With `afterId`: the room's change number the client has seen (JoinRoomResult.changeSeq). */
    afterChange: z.number().int().min(0).max(MAX_ROW_ID).optional(),
  })
  .refine((r) => r.roomId || r.name, { message: "Say which room to join", path: ["name"] });
export type EnterRoomInput = z.infer<typeof enterRoomSchema>;

export const roomRefSchema = z.object({ roomId: z.string({ error: "roomId is required" }).min(1).max(64) });
export type RoomRef = z.infer<typeof roomRefSchema>;

export const listRoomsSchema = z.object({ query: z.string().trim().max(30).default("") });

export const kickSchema = z.object({ roomId: z.string().min(1).max(64), username: z.string().trim().toLowerCase().min(1).max(20) });

export const markReadSchema = z.object({ roomId: z.string().min(1).max(64), lastId: z.number().int().min(0).max(MAX_ROW_ID) });
