/** Shapes that cross the wire; shared by server and browser. */
export interface PublicUser {
  id: string;
  username: string;
  displayName: string;
  /** Served from /api/avatars/…; null or absent shows initials. */
  avatarUrl?: string | null;
}

export interface SessionUser extends PublicUser {
  role: "user" | "moderator" | "admin";
}

export type MessageKind = "text" | "me" | "whisper";

export interface ChatMessage {
  id: number;
  roomId: string;
  body: string;
  clientId: string;
  createdAt: string;
  author: PublicUser;
  kind: MessageKind;
  /** Whispers only: who it was whispered to. */
  recipient?: PublicUser;
  /** Removed by a moderator: the body is empty and clients show "message removed by a moderator". */
  removed?: boolean;
}

export type RoomKind = "public" | "private" | "hidden" | "dm";

export interface RoomSummary {
  id: string;
  name: string;
  description: string;
  kind: RoomKind;
  memberLimit: number;
  /** Seconds between one member's messages (0 = off); moderators are exempt. */
  slowModeSeconds: number;
  memberCount: number;
  ownerId: string | null;
  /** Whether joining asks for a password (a hidden room may have none). */
  hasPassword?: boolean;
  /** DMs: everyone in the conversation (the viewer included). */
  participants?: PublicUser[];
}

/** A room in the viewer's sidebar. */
export interface MyRoom extends RoomSummary {
  unread: number;
  lastReadId: number;
}

export interface RoomMemberInfo extends PublicUser {
  online: boolean;
  isOwner: boolean;
}

/** Per-recipient feedback for direct messages. */
export interface Delivery {
  user: PublicUser;
  online: boolean;
}
