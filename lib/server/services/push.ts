import "server-only";
import type https from "node:https";
import webpush from "web-push";
import type { Db } from "@/lib/server/db/client";
import { AppError } from "@/lib/shared/errors";
import type { Logger } from "@/lib/server/logger";
import type { PushPayload, PushSubscriptionInput } from "@/lib/shared/schemas/push";
import type { VapidKeys } from "@/lib/server/vapid-keys";
import { upsertRacing } from "@/lib/server/db/upsert";

/** Push services only need a contact; Apple refuses `localhost` ones. */
export const DEFAULT_VAPID_SUBJECT = "mailto:admin@example.com";

/** Browsers keep one endpoint each; more than this per person is a client misbehaving. */
export const MAX_SUBSCRIPTIONS_PER_USER = 20;

const PUSH_SERVICE_HOSTS = [".googleapis.com", ".push.services.mozilla.com", ".push.apple.com", ".notify.windows.com"];

/**
 * The server POSTs to whatever endpoint a client registers, so only the push
 * services of real browsers are allowed (Chrome/Edge/Opera/Samsung via FCM,
 * Firefox, Safari, legacy Edge): anything else would let a user aim the server
 * at internal addresses.
 */
export function isKnownPushService(url: URL): boolean {
  return url.protocol === "https:" && !url.port && PUSH_SERVICE_HOSTS.some((host) => `.${url.hostname}`.endsWith(host));
}

/** Keeps the encrypted message under the 4 KB every push service accepts. */
function fitted(payload: PushPayload): string {
  const chars = [...payload.body];
  const body = chars.length > 300 ? `${chars.slice(0, 299).join("")}…` : payload.body;
  return JSON.stringify({ ...payload, title: [...payload.title].slice(0, 100).join(""), body });
}

function statusOf(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === "number" ? status : undefined;
}

export interface PushDeps {
  db: Db;
  vapid: VapidKeys;
  logger: Logger;
  subject?: string;
  isAllowedEndpoint?: (url: URL) => boolean;
  /** How long a push service keeps an undelivered message. */
  ttlSeconds?: number;
  /** Tests route web-push's requests to a local server through this. */
  agent?: https.Agent;
}

export function createPushService(deps: PushDeps) {
  const { db, vapid, logger } = deps;
  const isAllowed = deps.isAllowedEndpoint ?? isKnownPushService;
  const vapidDetails = { subject: deps.subject ?? DEFAULT_VAPID_SUBJECT, publicKey: vapid.publicKey, privateKey: vapid.privateKey };

  return {
    /** For `pushManager.subscribe({ applicationServerKey })`. */
    publicKey: vapid.publicKey,

    /** Input comes parsed by pushSubscriptionSchema. A browser that changes hands moves to its new user. */
    async subscribe(userId: string, input: PushSubscriptionInput): Promise<void> {
      if (!isAllowed(new URL(input.endpoint))) {
        const message = "This browser's push service is not supported, so notifications can't be turned on here.";
        throw new AppError("VALIDATION", message, { endpoint: message });
      }
      const { endpoint, keys } = input;
      await upsertRacing(() =>
        db.pushSubscription.upsert({
          where: { endpoint },
          create: { userId, endpoint, p256dh: keys.p256dh, auth: keys.auth },
          update: { userId, p256dh: keys.p256dh, auth: keys.auth },
        }),
      );
      const stale = await db.pushSubscription.findMany({
        where: { userId },
        orderBy: { createdAt: "desc" },
        skip: MAX_SUBSCRIPTIONS_PER_USER,
        select: { id: true },
      });
      if (stale.length > 0) await db.pushSubscription.deleteMany({ where: { id: { in: stale.map((s) => s.id) } } });
    },

    /** Only the caller's own subscription; an unknown endpoint is already gone, which is fine. */
    async unsubscribe(userId: string, endpoint: string): Promise<void> {
      await db.pushSubscription.deleteMany({ where: { userId, endpoint } });
    },

    async muteRoom(userId: string, roomId: string): Promise<void> {
      if (!(await db.room.findUnique({ where: { id: roomId }, select: { id: true } }))) {
        throw new AppError("NOT_FOUND", "That room does not exist.");
      }
      await upsertRacing(() => db.roomMute.upsert({ where: { userId_roomId: { userId, roomId } }, create: { userId, roomId }, update: {} }));
    },

    async unmuteRoom(userId: string, roomId: string): Promise<void> {
      await db.roomMute.deleteMany({ where: { userId, roomId } });
    },

    async listMutedRooms(userId: string): Promise<string[]> {
      const rows = await db.roomMute.findMany({ where: { userId }, select: { roomId: true }, orderBy: { createdAt: "asc" } });
      return rows.map((r) => r.roomId);
    },

    /**
     * Sends to every browser of a user who switched push on, unless the payload's
     * room is muted. Subscriptions the push service says are gone (404/410) are
     * deleted; other failures are logged and the subscription kept for next time.
     * Deciding *whether* to notify (no open tab, DM or mention) is the caller's job.
     */
    async notifyUser(userId: string, payload: PushPayload): Promise<{ sent: number; removed: number; failed: number }> {
      const result = { sent: 0, removed: 0, failed: 0 };
      const user = await db.user.findUnique({ where: { id: userId }, select: { pushEnabled: true } });
      if (!user?.pushEnabled) return result;
      if (payload.roomId && (await db.roomMute.findUnique({ where: { userId_roomId: { userId, roomId: payload.roomId } } }))) {
        return result;
      }
      const subscriptions = await db.pushSubscription.findMany({ where: { userId } });
      const body = fitted(payload);

      await Promise.all(
        subscriptions.map(async (sub) => {
          if (!isAllowed(new URL(sub.endpoint))) return;
          try {
            await webpush.sendNotification({ endpoint: sub.endpoint, keys: { p256dh: sub.p256dh, auth: sub.auth } }, body, {
              vapidDetails,
              TTL: deps.ttlSeconds ?? 24 * 60 * 60,
              urgency: "high",
              timeout: 10_000,
              ...(deps.agent ? { agent: deps.agent } : {}),
            });
            result.sent++;
          } catch (error) {
            const status = statusOf(error);
            if (status === 404 || status === 410) {
              await db.pushSubscription.deleteMany({ where: { id: sub.id } });
              result.removed++;
              return;
            }
            result.failed++;
            logger.warn(`push to ${new URL(sub.endpoint).host} failed${status ? ` with HTTP ${status}` : ""}`, status ? undefined : error);
          }
        }),
      );
      return result;
    },
  };
}

export type PushService = ReturnType<typeof createPushService>;
