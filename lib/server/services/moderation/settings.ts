import "server-only";
import type { ClusterBus } from "@/lib/server/cluster/bus";
import { createLocalBus } from "@/lib/server/cluster/bus";
import type { Db } from "@/lib/server/db/client";
import type { ModerationSettings } from "@/lib/shared/schemas/moderation";
import { moderationSettingsSchema } from "@/lib/shared/schemas/moderation";
import { LIMITS } from "@/lib/server/services/rate-limit";
import { upsertRacing } from "@/lib/server/db/upsert";
import { defaultSecretRoomSettings } from "@/lib/shared/schemas/secret-rooms";

export function defaultModerationSettings(
  overrides: { loginMaxAttempts?: number; loginBlockSeconds?: number; fileMaxMb?: number; fileDailyQuotaMb?: number } = {},
): ModerationSettings {
  return {
    flood: { messages: 5, windowSeconds: 5 },
    repeatWindowSeconds: 60,
    duplicate: { count: 3, windowSeconds: 30 },
    escalationMinutes: [1, 10, 60, 1440],
    strikeDecayHours: 24,
    wordFilter: { words: [], mode: "block" },
    login: { maxAttempts: overrides.loginMaxAttempts ?? 3, blockSeconds: overrides.loginBlockSeconds ?? 60, ipMaxFailures: 20, ipWindowSeconds: 600 },
    signUp: { perAddressPerHour: LIMITS.signUpPerIp.tokens },
    files: { maxMb: overrides.fileMaxMb ?? 25, dailyQuotaMb: overrides.fileDailyQuotaMb ?? 500 },
    linkPreviews: { enabled: true },
    secretRooms: { ...defaultSecretRoomSettings, creatorRoles: [...defaultSecretRoomSettings.creatorRoles] },
  };
}

const KEY = "moderation";

/** Settings live in the database and in memory; a change applies to the next message, login or sign-up. */
export function createSettingsService(deps: { db: Db; defaults: ModerationSettings; bus?: ClusterBus; onError?: (error: unknown) => void }) {
  let current: ModerationSettings = deps.defaults;
  const bus = deps.bus ?? createLocalBus();

  const service = {
    async load(): Promise<ModerationSettings> {
      const row = await deps.db.setting.findUnique({ where: { key: KEY } });
      if (row) {
        const parsed = moderationSettingsSchema.safeParse({ ...deps.defaults, ...JSON.parse(row.value) });
        if (parsed.success) current = parsed.data;
      }
      return current;
    },
    get(): ModerationSettings {
      return current;
    },
    async update(next: ModerationSettings): Promise<ModerationSettings> {
      const value = JSON.stringify(next);
      await upsertRacing(() => deps.db.setting.upsert({ where: { key: KEY }, update: { value }, create: { key: KEY, value } }));
      current = next;
      // Every other node reloads: the next message, login or sign-up there follows it too.
      bus.publish({ kind: "settings" });
      return current;
    },
  };
  bus.subscribe((event) => {
    if (event.kind === "settings" || event.kind === "all") service.load().catch((error: unknown) => deps.onError?.(error));
  });
  return service;
}

export type SettingsService = ReturnType<typeof createSettingsService>;
