import "server-only";
import type { TrustProxy } from "@/lib/server/client-ip";
import type { ClusterBus } from "@/lib/server/cluster/bus";
import type { Db } from "@/lib/server/db/client";
import type { Logger } from "@/lib/server/logger";
import type { ModerationContext } from "@/lib/server/moderation-context";
import type { MessageWriter } from "@/lib/server/services/message-writer";
import type { MessageService } from "@/lib/server/services/messages";
import type { MessageChanges } from "@/lib/server/services/message-changes";
import type { SearchService } from "@/lib/server/services/search";
import type { PresenceStore } from "@/lib/server/services/presence";
import type { BlockService } from "@/lib/server/services/blocks";
import type { DmService } from "@/lib/server/services/dms";
import type { MembershipService } from "@/lib/server/services/memberships";
import type { RoomRecord, RoomService } from "@/lib/server/services/rooms";
import type { EndReason, SessionService } from "@/lib/server/services/sessions";
import type { UserService } from "@/lib/server/services/users";
import type { PublicProfile } from "@/lib/shared/schemas/profile";
import type { AvatarService } from "@/lib/server/services/avatars";
import type { AttachmentService } from "@/lib/server/services/attachments/service";
import type { ProfileService } from "@/lib/server/services/profiles";
import type { PushService } from "@/lib/server/services/push";
import type { TypingThrottle } from "@/lib/server/services/typing";
import type { SignIn } from "@/lib/server/services/sign-in";
import type { SignUp } from "@/lib/server/services/sign-up";
import type { RoomSummary } from "@/lib/shared/types";
import type Redis from "ioredis";

/** What HTTP code may ask of the realtime layer (set once Socket.IO is up). */
export interface RealtimeHooks {
  /** Tells the session's open tabs why, then closes their sockets. */
  endSession(sessionId: string, reason: EndReason, message: string): void;
  roomUpdated(room: RoomSummary): void;
  /** Name, status or avatar changed: every client updates headers, lists and cards. */
  profileChanged(profile: PublicProfile): void;
}

/** Everything a request or socket event needs, built once by server.ts. */
export interface AppContext {
  db: Db;
  /** Set with REDIS_URL: shared state and cross-node fan-out go through it (and readiness checks it). */
  redis?: Redis;
  logger: Logger;
  /** Start of every Redis key and channel of this community. */
  redisPrefix: string;
  /** Tells the other nodes what changed here (a local no-op without Redis). */
  bus: ClusterBus;
  authSecret: string;
  welcomeMessage: string;
  /** Trust X-Forwarded-For for client addresses (a proxy of ours is in front). */
  trustProxy: TrustProxy;
  defaultRoom: RoomRecord;
  users: UserService;
  /** Every check a login makes (next-auth's provider and the login form both use it). */
  signIn: SignIn;
  /** A new account in #general, within the per-address sign-up limit. */
  signUp: SignUp;
  rooms: RoomService;
  memberships: MembershipService;
  blocks: BlockService;
  dms: DmService;
  messages: MessageService;
  /** Edits, deletions by authors and reactions. */
  changes: MessageChanges;
  /** Full-text search over what the person may read (FTS5 / tsvector). */
  search: SearchService;
  writer: MessageWriter;
  presence: PresenceStore;
  /** How long a closed socket keeps its person online (moving between Parley's pages must not flap). */
  presenceGraceMs?: number;
  /** Which typing events to relay (per person and room). */
  typing: TypingThrottle;
  sessions: SessionService;
  moderation: ModerationContext;
  avatars: AvatarService;
  /** Files sent with messages: upload, access-checked reads, deletion. */
  attachments: AttachmentService;
  profiles: ProfileService;
  push: PushService;
  realtime?: RealtimeHooks;
  /** Set once Ctrl+C/SIGTERM starts the grace period: /api/ready answers 503 so a load balancer stops sending people here. */
  draining?: boolean;
}

const holder = globalThis as typeof globalThis & { __parleyContext?: AppContext };

/**
 * Next's route handlers run in the same process as server.ts but from a separate
 * bundle; the context is shared through globalThis so both use one database
 * client and one set of services.
 */
export function setAppContext(context: AppContext): void {
  holder.__parleyContext = context;
}

export function getAppContext(): AppContext {
  const context = holder.__parleyContext;
  if (!context) throw new Error("Parley's server context is missing: start Parley with `npm start` (server.ts).");
  return context;
}
