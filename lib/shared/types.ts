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
  /**
   * Deleted: the body is empty. `removedBy` says who took it back: its author ("message
   * deleted") or a moderator ("message removed by a moderator").
   */
  removed?: boolean;
  removedBy?: "author" | "moderator";
  /** When its author last edited it (ISO); absent when never edited. */
  editedAt?: string;
  /** Reactions, in the order they were first given. */
  reactions?: Reaction[];
  /** The message this one answers, as it reads now. */
  replyTo?: ReplyQuote;
  /** Who it mentions: parsed from the text by the server when it was sent or edited. */
  mentions?: MessageMentions;
  /**
   * The room's change number of this message's last edit, deletion or reaction (0 or
   * absent: never changed). Clients keep the copy with the highest one.
   */
  changeSeq?: number;
  /** Files sent with it, in the order they were attached; absent when none (or removed). */
  attachments?: MessageAttachment[];
  /** The card for the first link of its text, once the server fetched it; absent when none or removed by its sender. */
  preview?: LinkPreview;
}

/** A file sent with a message. Both URLs are served only to people who may read the message. */
export interface MessageAttachment {
  id: string;
  /** image: re-encoded by Parley and shown inline; file: only ever served as a download. */
  kind: "image" | "file";
  name: string;
  /** Read from the content, never the sender's word. */
  mime: string;
  /** Bytes. */
  size: number;
  width?: number;
  height?: number;
  url: string;
  /** Images only: a small WebP (at most 480×480). */
  thumbUrl?: string;
}

/** What a link's page says about itself (OpenGraph / Twitter cards), as plain text; the image is a copy Parley re-encoded and serves itself. */
export interface LinkPreview {
  url: string;
  title: string;
  description?: string;
  siteName?: string;
  imageUrl?: string;
}

/** One emoji under a message and the people who gave it. */
export interface Reaction {
  emoji: string;
  count: number;
  users: Pick<PublicUser, "id" | "displayName">[];
}

/** A compact quote of a reply's parent. */
export interface ReplyQuote {
  id: number;
  author: PublicUser;
  /** The parent's text, cut to REPLY_EXCERPT_CHARS; empty when it was deleted. */
  excerpt: string;
  /** The parent was deleted or removed: clients show "original message deleted". */
  removed?: boolean;
}

export interface MessageMentions {
  /** Everyone the message addresses (an `@here` counts the room's members online when it was sent). */
  userIds: string[];
  /** Usernames written as `@name` that are members of the room: shown as mentions, not text. */
  usernames: string[];
  /** Written with `@here` by the room's owner or a moderator. */
  here?: true;
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
  /** Link preview cards under messages here (its owner or a moderator turns them off); absent means on. */
  linkPreviews?: boolean;
}

/** A room in the viewer's sidebar. */
export interface MyRoom extends RoomSummary {
  unread: number;
  /** Unread messages that mention the viewer (absent: none). */
  mentions?: number;
  /** The viewer muted it: no push or desktop notifications. */
  muted?: boolean;
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
