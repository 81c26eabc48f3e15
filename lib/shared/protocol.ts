import type { JoinRoomResult, SentMessage } from "@/lib/shared/events";
import { banSchema, deleteMessageSchema, reportSchema, targetUserSchema, timeoutSchema } from "@/lib/shared/schemas/moderation";
import {
  deleteOwnMessageSchema,
  editMessageSchema,
  historySchema,
  reactionSchema,
  removePreviewSchema,
  sendMessageSchema,
  typingSchema,
} from "@/lib/shared/schemas/message";
import { createRoomSchema, enterRoomSchema, kickSchema, listRoomsSchema, markReadSchema, roomRefSchema, updateRoomSchema } from "@/lib/shared/schemas/rooms";
import { blockSchema, checkUserSchema, openDmSchema, recentUsersSchema } from "@/lib/shared/schemas/social";
import type { SecretJoinResult, SecretMember } from "@/lib/shared/schemas/secret-rooms";
import { secretJoinSchema, secretKickSchema, secretRoomRefSchema, secretSendSchema, secretWhisperSchema } from "@/lib/shared/schemas/secret-rooms";
import { z } from "@/lib/shared/schemas/zod";
import type { PublicProfile } from "@/lib/shared/schemas/profile";
import type { ChatMessage, MyRoom, PublicUser, RoomMemberInfo, RoomSummary } from "@/lib/shared/types";

/**
 * One client→server event: the schema its payload must pass (the server validates with
 * it; clients send its `z.input`, handlers get its `z.output`) and the type of its ack's
 * `data`. `data` is never set: it only carries the type.
 */
export interface EventSpec<S extends z.ZodType = z.ZodType, T = unknown, A extends AckUse = AckUse> {
  readonly schema: S;
  /** "optional": clients may send it without waiting for an answer (the server still answers an ack). */
  readonly ack: A;
  readonly data?: T;
}
export type AckUse = "required" | "optional";

const event = <S extends z.ZodType>(schema: S) => ({
  /** The client asks and waits: an ack is required and carries `T`. */
  answers: <T>(): EventSpec<S, T, "required"> => ({ schema, ack: "required" }),
  /** A signal the client sends without waiting; an ack, if given, gets `null` (or the error). */
  fireAndForget: (): EventSpec<S, null, "optional"> => ({ schema, ack: "optional" }),
});

/** Events that carry nothing: no payload, or an empty object (any keys are dropped). */
export const noPayloadSchema = z.object({}).optional();

/**
 * Every client→server event of Parley's socket protocol (docs/protocol.md). The
 * server's routes (lib/server/realtime/routes.ts) are typed and validated from this table and
 * the browser's requests are typed from it, so the two cannot disagree. Browser code
 * imports it with `import type` only: it holds schemas and types, nothing server-only.
 */
export const clientEvents = {
  "room:join": event(enterRoomSchema).answers<JoinRoomResult>(),
  "room:leave": event(roomRefSchema).answers<null>(),
  "room:create": event(createRoomSchema).answers<RoomSummary>(),
  "room:update": event(updateRoomSchema).answers<RoomSummary>(),
  "room:delete": event(roomRefSchema).answers<null>(),
  "room:kick": event(kickSchema).answers<null>(),
  "room:list": event(listRoomsSchema).answers<{ rooms: RoomSummary[] }>(),
  "room:mine": event(noPayloadSchema).answers<{ rooms: MyRoom[] }>(),
  "room:members": event(roomRefSchema).answers<{ members: RoomMemberInfo[] }>(),
  "room:read": event(markReadSchema).fireAndForget(),
  "dm:open": event(openDmSchema).answers<MyRoom>(),
  "message:send": event(sendMessageSchema).answers<SentMessage>(),
  "message:edit": event(editMessageSchema).answers<ChatMessage>(),
  "message:delete": event(deleteOwnMessageSchema).answers<ChatMessage>(),
  "message:remove-preview": event(removePreviewSchema).answers<ChatMessage>(),
  "reaction:add": event(reactionSchema).answers<ChatMessage>(),
  "reaction:remove": event(reactionSchema).answers<ChatMessage>(),
  "message:history": event(historySchema).answers<{ messages: ChatMessage[]; hasMore: boolean; hasNewer?: boolean }>(),
  "presence:list": event(noPayloadSchema).answers<{ users: PublicUser[] }>(),
  "typing:start": event(typingSchema).fireAndForget(),
  "typing:stop": event(typingSchema).fireAndForget(),
  "block:add": event(blockSchema).answers<{ blocked: PublicUser[] }>(),
  "block:remove": event(blockSchema).answers<{ unblocked: PublicUser[]; notBlocked: PublicUser[] }>(),
  "block:list": event(noPayloadSchema).answers<{ users: PublicUser[] }>(),
  "user:check": event(checkUserSchema).answers<PublicProfile>(),
  "users:last": event(recentUsersSchema).answers<{ users: PublicUser[] }>(),
  "users:active": event(recentUsersSchema).answers<{ users: PublicUser[] }>(),
  "message:report": event(reportSchema).answers<null>(),
  "moderation:delete-message": event(deleteMessageSchema).answers<null>(),
  "moderation:timeout": event(timeoutSchema).answers<null>(),
  "moderation:ban": event(banSchema).answers<null>(),
  "moderation:kick": event(targetUserSchema).answers<null>(),
  /** Sent by the client on real input (keys, clicks, scrolling), at most once a minute. */
  "session:activity": event(noPayloadSchema).fireAndForget(),
  /** Secret rooms (docs/protocol.md): the server relays ciphertext envelopes and never sees a key. */
  "secret:create": event(noPayloadSchema).answers<{ roomId: string }>(),
  "secret:join": event(secretJoinSchema).answers<SecretJoinResult>(),
  "secret:send": event(secretSendSchema).answers<null>(),
  "secret:whisper": event(secretWhisperSchema).answers<null>(),
  "secret:who": event(secretRoomRefSchema).answers<{ members: SecretMember[] }>(),
  "secret:leave": event(secretRoomRefSchema).answers<null>(),
  "secret:kick": event(secretKickSchema).answers<null>(),
  "secret:stop": event(secretRoomRefSchema).answers<null>(),
} satisfies Record<string, EventSpec>;

export type ClientProtocol = typeof clientEvents;
export type ClientEvent = keyof ClientProtocol;
/** What a client sends for `E` (before defaults and transforms). */
export type EventPayload<E extends ClientEvent> = z.input<ClientProtocol[E]["schema"]>;
/** What `E`'s handler gets: the payload after validation, defaults and transforms. */
export type ParsedPayload<E extends ClientEvent> = z.output<ClientProtocol[E]["schema"]>;
/** The `data` of `E`'s ack when it succeeds. */
export type AckData<E extends ClientEvent> = ClientProtocol[E] extends EventSpec<z.ZodType, infer T> ? T : never;
/** Events whose ack a client may leave out. */
export type FireAndForgetEvent = { [E in ClientEvent]: ClientProtocol[E]["ack"] extends "optional" ? E : never }[ClientEvent];
