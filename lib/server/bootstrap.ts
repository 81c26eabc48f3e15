import "server-only";
import fs from "node:fs";
import type { AppContext } from "@/lib/server/context";
import type { PoolOptions } from "@/lib/server/db/client";
import { openDb, openWriterConnection } from "@/lib/server/db/client";
import { applyMigrations } from "@/lib/server/db/migrate";
import type { Logger } from "@/lib/server/logger";
import { createLogger } from "@/lib/server/logger";
import { sharedAuthSecret } from "@/lib/server/secrets";
import { createBlockService } from "@/lib/server/services/blocks";
import { createDmService } from "@/lib/server/services/dms";
import { createMembershipService } from "@/lib/server/services/memberships";
import { createMessageWriter } from "@/lib/server/services/message-writer";
import { createMessageService } from "@/lib/server/services/messages";
import { createMessageChanges } from "@/lib/server/services/message-changes";
import { createSearchService } from "@/lib/server/services/search";
import { createMentionResolver } from "@/lib/server/services/mentions";
import { argon2Hasher } from "@/lib/server/services/passwords";
import { createMemoryPresence } from "@/lib/server/services/presence";
import { createRedisPresence } from "@/lib/server/services/presence.redis";
import { createLocalBus, createRedisBus } from "@/lib/server/cluster/bus";
import { randomUUID } from "node:crypto";
import { createRoomService } from "@/lib/server/services/rooms";
import { createTypingThrottle } from "@/lib/server/services/typing";
import { createRedisTypingThrottle } from "@/lib/server/services/typing.redis";
import { createSessionService } from "@/lib/server/services/sessions";
import { createUserService } from "@/lib/server/services/users";
import { createSignIn } from "@/lib/server/services/sign-in";
import { createSignUp } from "@/lib/server/services/sign-up";
import { createModerationContext } from "@/lib/server/moderation-context";
import { createRateLimiters } from "@/lib/server/services/rate-limit";
import type Redis from "ioredis";
import type { TrustProxy } from "@/lib/server/client-ip";
import { createAvatarService } from "@/lib/server/services/avatars";
import { createAttachmentService } from "@/lib/server/services/attachments/service";
import { createLocalStore, localFilesDir } from "@/lib/server/storage/local-store";
import { createProfileService } from "@/lib/server/services/profiles";
import { createPushService } from "@/lib/server/services/push";
import { sharedVapidKeys } from "@/lib/server/vapid-keys";

export interface BootstrapOptions {
  dataDir: string;
  databaseUrl: string;
  /** PostgreSQL pool settings (defaults in lib/server/db/client.ts). */
  pool?: Partial<PoolOptions>;
  authSecret?: string;
  welcomeMessage: string;
  idleTimeoutMinutes?: number;
  /** A person whose last socket closed stays online this long (default 5 s). */
  presenceGraceSeconds?: number;
  /** Promoted to admin at start. */
  adminUsernames?: string[];
  login?: { maxAttempts: number; blockSeconds: number };
  /** Defaults of the console's file settings. */
  files?: { maxMb: number; dailyQuotaMb: number };
  trustProxy?: TrustProxy;
  /** VAPID contact for web push (mailto: or https:). */
  vapidSubject?: string;
  /** With Redis, rate limits are shared by every node. */
  redis?: Redis;
  /** Start of every Redis key and channel (default "parley"). */
  redisPrefix?: string;
  logger?: Logger;
}

/** Prepares the data folder and database, then wires the services. */
export async function bootstrap(options: BootstrapOptions): Promise<AppContext> {
  const logger = options.logger ?? createLogger();
  fs.mkdirSync(options.dataDir, { recursive: true });
  const { applied } = await applyMigrations(options.databaseUrl);
  if (applied.length > 0) logger.info(`applied migrations: ${applied.join(", ")}`);

  const db = await openDb(options.databaseUrl, options.pool);
  const passwords = argon2Hasher;
  const { redis } = options;
  const redisPrefix = options.redisPrefix ?? "parley";
  const bus = redis ? createRedisBus(redis, logger, `${redisPrefix}:cluster`) : createLocalBus();
  const rooms = createRoomService({ db, passwords, bus });
  const memberships = createMembershipService({ db, rooms, passwords });
  const blocks = createBlockService({ db });
  const writer = createMessageWriter({ db, sqlite: openWriterConnection(options.databaseUrl) });
  const users = createUserService({ db, passwords });
  if (options.adminUsernames?.length) {
    const { count } = await db.user.updateMany({
      where: { username: { in: options.adminUsernames.map((u) => u.toLowerCase()) }, role: { not: "admin" } },
      data: { role: "admin" },
    });
    if (count > 0) logger.info(`promoted ${count} user(s) from ADMIN_USERNAMES to admin`);
  }
  const moderation = await createModerationContext({
    db,
    logger,
    // Read at each sign-up, so the console's setting applies at once.
    limiters: createRateLimiters(options.redis, { signUpsPerHour: () => moderation.settings.get().signUp.perAddressPerHour, prefix: redisPrefix }, logger),
    redis: options.redis,
    redisPrefix,
    bus,
    findUser: users.findById,
    isMember: memberships.isMember,
    login: options.login ?? { maxAttempts: 3, blockSeconds: 60 },
    files: options.files,
    // Called after a moderator's removal commits; `attachments` is built below.
    removeFiles: (messageId) => attachments.deleteForMessage(messageId),
  });
  const avatars = createAvatarService({ db, dataDir: options.dataDir });
  const importedAvatars = await avatars.importLegacyFiles();
  if (importedAvatars > 0) logger.info(`moved ${importedAvatars} avatar(s) from the data folder into the database`);
  const defaultRoom = await rooms.ensureDefaultRoom();
  const presence = redis ? createRedisPresence({ redis, nodeId: randomUUID(), prefix: `{${redisPrefix}:presence}:`, logger }) : createMemoryPresence();
  const mentions = createMentionResolver({ db, onlineIds: () => presence.onlineIds() });
  const attachments = createAttachmentService({
    db,
    store: createLocalStore(localFilesDir(options.dataDir)),
    settings: () => moderation.settings.get().files,
    limiter: moderation.limiters.upload,
    isMember: memberships.isMember,
    logger,
  });
  const messages = createMessageService({ db, writer, rooms, memberships, blocks, gate: moderation.gate, mentions });
  const context: AppContext = {
    db,
    logger,
    redis,
    redisPrefix,
    bus,
    authSecret: options.authSecret ?? (await sharedAuthSecret(db, options.dataDir)),
    welcomeMessage: options.welcomeMessage,
    trustProxy: options.trustProxy ?? false,
    defaultRoom,
    users,
    signIn: createSignIn({ users, loginGuard: moderation.loginGuard, sanctions: moderation.sanctions }),
    signUp: createSignUp({ users, memberships, limiter: moderation.limiters.signUpPerIp, defaultRoomId: defaultRoom.id }),
    moderation,
    rooms,
    memberships,
    blocks,
    dms: createDmService({ db, rooms, memberships, blocks }),
    messages,
    search: createSearchService({ db }),
    changes: createMessageChanges({ db, rooms, messages, gate: moderation.gate, mentions, reactionLimiter: moderation.limiters.reaction, attachments }),
    writer,
    // A fresh node id per process: a restarted node's old connections are swept, not reused.
    presence,
    presenceGraceMs: (options.presenceGraceSeconds ?? 5) * 1000,
    typing: redis ? createRedisTypingThrottle({ redis, logger, prefix: redisPrefix }) : createTypingThrottle(),
    avatars,
    attachments,
    profiles: createProfileService({ db, avatars, onPublicChange: (profile) => context.realtime?.profileChanged(profile) }),
    push: createPushService({ db, vapid: await sharedVapidKeys(db, options.dataDir), logger, subject: options.vapidSubject }),
    sessions: createSessionService({
      db,
      idleTimeoutMs: (options.idleTimeoutMinutes ?? 30) * 60_000,
      onError: (error) => logger.error("activity write failed", error),
    }),
  };
  return context;
}
