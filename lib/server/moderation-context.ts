import "server-only";
import type { ClusterBus } from "@/lib/server/cluster/bus";
import type { Db } from "@/lib/server/db/client";
import type { Logger } from "@/lib/server/logger";
import type { ModerationActions, ModerationEffects } from "@/lib/server/services/moderation/actions";
import { createModerationActions } from "@/lib/server/services/moderation/actions";
import type { AuditLogService } from "@/lib/server/services/moderation/audit";
import { createAuditLog } from "@/lib/server/services/moderation/audit";
import type { LoginGuard } from "@/lib/server/services/moderation/login-guard";
import { createMemoryLoginGuard } from "@/lib/server/services/moderation/login-guard";
import { createRedisLoginGuard, withLocalLoginFallback } from "@/lib/server/services/moderation/login-guard.redis";
import type { MessageGate } from "@/lib/server/services/moderation/message-gate";
import { createMessageGate } from "@/lib/server/services/moderation/message-gate";
import type { ReportService } from "@/lib/server/services/moderation/reports";
import { createReportService } from "@/lib/server/services/moderation/reports";
import type { SanctionService } from "@/lib/server/services/moderation/sanctions";
import { createSanctionService } from "@/lib/server/services/moderation/sanctions";
import type { SettingsService } from "@/lib/server/services/moderation/settings";
import { createSettingsService, defaultModerationSettings } from "@/lib/server/services/moderation/settings";
import type { LastIpStore } from "@/lib/server/services/moderation/last-ips";
import { createMemoryLastIps } from "@/lib/server/services/moderation/last-ips";
import { createRedisLastIps } from "@/lib/server/services/moderation/last-ips.redis";
import { createSlowMode } from "@/lib/server/services/moderation/slow-mode";
import { createRedisSlowMode } from "@/lib/server/services/moderation/slow-mode.redis";
import { createSpamGuard } from "@/lib/server/services/moderation/spam-guard";
import { createRedisSpamGuard } from "@/lib/server/services/moderation/spam-guard.redis";
import type { MessageRate } from "@/lib/server/services/moderation/stats";
import { createMessageRate } from "@/lib/server/services/moderation/stats";
import { createRedisMessageRate } from "@/lib/server/services/moderation/stats.redis";
import type { RateLimiters } from "@/lib/server/services/rate-limit";
import type { SessionUser } from "@/lib/shared/types";
import type Redis from "ioredis";

export interface ModerationContext {
  settings: SettingsService;
  sanctions: SanctionService;
  audit: AuditLogService;
  reports: ReportService;
  actions: ModerationActions;
  gate: MessageGate;
  loginGuard: LoginGuard;
  limiters: RateLimiters;
  /** Last address each user connected from (for IP bans): this node's, or every node's with Redis. */
  lastIps: LastIpStore;
  messageRate: MessageRate;
  /** Filled in once Socket.IO is up; until then moderation changes only the database. */
  effects: ModerationEffects;
}

const noEffects: ModerationEffects = {
  notify: () => undefined,
  endUserSessions: async () => undefined,
  messageRemoved: async () => undefined,
  roleChanged: () => undefined,
};

export async function createModerationContext(deps: {
  db: Db;
  logger: Logger;
  limiters: RateLimiters;
  findUser: (id: string) => Promise<SessionUser | null>;
  isMember: (roomId: string, userId: string) => Promise<boolean>;
  login: { maxAttempts: number; blockSeconds: number };
  /** Defaults for the console's file settings (UPLOAD_MAX_MB, UPLOAD_DAILY_QUOTA_MB). */
  files?: { maxMb: number; dailyQuotaMb: number };
  /** With Redis, every node shares one login lockout, spam windows, slow mode, last addresses and chart. */
  redis?: Redis;
  /** Start of every Redis key of this community (default "parley"). */
  redisPrefix?: string;
  /** Tells other nodes when settings or sanctions change. */
  bus?: ClusterBus;
  /** Deletes a removed message's files (rows and bytes). */
  removeFiles?: (messageId: number) => Promise<unknown>;
}): Promise<ModerationContext> {
  const { db } = deps;
  const settings = createSettingsService({
    db,
    defaults: defaultModerationSettings({
      loginMaxAttempts: deps.login.maxAttempts,
      loginBlockSeconds: deps.login.blockSeconds,
      fileMaxMb: deps.files?.maxMb,
      fileDailyQuotaMb: deps.files?.dailyQuotaMb,
    }),
    bus: deps.bus,
    onError: (error) => deps.logger.error("settings reload failed", error),
  });
  await settings.load();
  const sanctions = createSanctionService({ db, bus: deps.bus });
  const audit = createAuditLog({ db });
  const { redis, logger } = deps;
  const prefix = deps.redisPrefix;
  const lastIps = redis ? createRedisLastIps({ redis, logger, prefix }) : createMemoryLastIps();
  const messageRate = redis ? createRedisMessageRate({ redis, logger, prefix }) : createMessageRate();
  await messageRate.seed(db);
  const context: ModerationContext = {
    settings,
    sanctions,
    audit,
    reports: createReportService({ db, isMember: deps.isMember }),
    actions: createModerationActions({
      db,
      sanctions,
      audit,
      effects: () => context.effects,
      findUser: deps.findUser,
      lastIpOf: lastIps.lastIpOf,
      removeFiles: deps.removeFiles,
    }),
    gate: createMessageGate({
      db,
      sanctions,
      settings,
      spam: redis ? createRedisSpamGuard({ redis, settings: settings.get, logger, prefix }) : createSpamGuard({ settings: settings.get }),
      slowMode: redis ? createRedisSlowMode({ redis, logger, prefix }) : createSlowMode(),
      limiter: deps.limiters.message,
      audit,
      effects: () => context.effects,
    }),
    loginGuard: redis
      ? withLocalLoginFallback(
          createRedisLoginGuard({ redis, settings: () => settings.get().login, prefix: `${prefix ?? "parley"}:login` }),
          createMemoryLoginGuard({ settings: () => settings.get().login }),
          logger,
        )
      : createMemoryLoginGuard({ settings: () => settings.get().login }),
    limiters: deps.limiters,
    lastIps,
    messageRate,
    effects: noEffects,
  };
  return context;
}
