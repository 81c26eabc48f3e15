import "server-only";
import type { Db } from "@/lib/server/db/client";
import { AppError } from "@/lib/shared/errors";
import type { ModerationEffects } from "@/lib/server/services/moderation/actions";
import type { AuditLogService } from "@/lib/server/services/moderation/audit";
import type { SanctionService } from "@/lib/server/services/moderation/sanctions";
import { banSentence, timeoutSentence } from "@/lib/server/services/moderation/sanctions";
import type { SettingsService } from "@/lib/server/services/moderation/settings";
import { createClientIdLedger } from "@/lib/server/services/moderation/client-ids";
import type { SlowMode } from "@/lib/server/services/moderation/slow-mode";
import type { SpamGuard } from "@/lib/server/services/moderation/spam-guard";
import { applyWordFilter } from "@/lib/server/services/moderation/word-filter";
import type { RateLimiter } from "@/lib/server/services/rate-limit";
import { retryInSeconds } from "@/lib/server/services/rate-limit";
import type { SessionUser } from "@/lib/shared/types";

const isStaff = (user: SessionUser) => user.role === "moderator" || user.role === "admin";

/** How a write that passed the gate ended: stored now, stored before (a resend), or not at all. */
export type WriteOutcome = "new" | "duplicate" | "refused";

export interface Admission {
  /** The body to store (masked when the filter masks). */
  body: string;
  /** Call exactly once when the write settles: only stored messages count for slow mode. */
  settle: (outcome: WriteOutcome) => void;
}

const noop = () => {};

/**
 * Everything a message must pass before it is stored: bans and timeouts, then (for
 * non-staff) the rate limit, the room's slow mode, flood and duplicate detection,
 * and the word filter. All of it reads memory (Redis, when several nodes share it);
 * the database is touched only when a rule fires. A resend of a message stored in the
 * same room still meets the bans, the rate limit and the filter, but not slow mode or
 * the spam counters a second time; one sent while its twin is being written waits for
 * the twin's outcome.
 */
export function createMessageGate(deps: {
  db: Db;
  sanctions: SanctionService;
  settings: SettingsService;
  spam: SpamGuard;
  slowMode: SlowMode;
  limiter: RateLimiter;
  audit: AuditLogService;
  effects: () => ModerationEffects;
  now?: () => number;
}) {
  const now = deps.now ?? Date.now;
  const ledger = createClientIdLedger();

  async function autoBan(user: SessionUser, rule: string, counts: string): Promise<never> {
    const at = now();
    const record = await deps.db.user.findUnique({ where: { id: user.id }, select: { spamStrikes: true, lastSpamAt: true } });
    const { minutes, strike } = deps.spam.escalate({ strikes: record?.spamStrikes ?? 0, lastSpamAt: record?.lastSpamAt?.getTime() ?? null }, at);
    const reason = `automatic: ${rule === "duplicate" ? "repeating the same message" : "flooding"} (${counts})`;
    const sanction = await deps.sanctions.impose({ kind: "ban", userId: user.id, reason, minutes, byId: null });
    await deps.db.user.update({ where: { id: user.id }, data: { spamStrikes: strike, lastSpamAt: new Date(at) } });
    const outcome = `banned ${minutes >= 60 ? `${minutes / 60} h` : `${minutes} min`}`;
    await deps.db.spamEvent.create({ data: { userId: user.id, username: user.username, rule, counts, outcome } });
    await deps.audit.record({ actor: null, action: "auto-ban", target: user, reason, details: { minutes, strike } });
    const message = banSentence(sanction);
    deps.effects().notify(user.id, { kind: "ban", message });
    await deps.effects().endUserSessions(user.id, "banned", message);
    throw new AppError("FORBIDDEN", message);
  }

  async function spamCheck(user: SessionUser, body: string): Promise<void> {
    const verdict = await deps.spam.check(user.id, body, now());
    if (verdict.kind === "ban") return autoBan(user, verdict.rule, verdict.counts);
    if (verdict.kind === "warn") {
      await deps.db.spamEvent.create({ data: { userId: user.id, username: user.username, rule: verdict.rule, counts: verdict.counts, outcome: "warned" } });
      // Sending the same text again is what the duplicate warning forbids, so it is a
      // refusal (no Retry in clients); a flood warning frees up after a pause.
      if (verdict.rule === "duplicate")
        throw new AppError("FORBIDDEN", "Please don't repeat the same message. Do it again within a minute and you will be banned for a while.");
      throw new AppError("RATE_LIMITED", "Slow down — you are sending messages too fast. Keep it up within a minute and you will be banned for a while.");
    }
  }

  async function wordFilter(user: SessionUser, body: string): Promise<string> {
    try {
      return applyWordFilter(body, deps.settings.get().wordFilter).body;
    } catch (error) {
      await deps.db.spamEvent.create({ data: { userId: user.id, username: user.username, rule: "word-filter", counts: "1 message", outcome: "blocked" } });
      throw error;
    }
  }

  async function inStanding(user: SessionUser): Promise<void> {
    const standing = await deps.sanctions.standing(user.id);
    if (standing.ban) throw new AppError("FORBIDDEN", banSentence(standing.ban));
    if (standing.timeout)
      throw new AppError("FORBIDDEN", timeoutSentence(standing.timeout, now()), {
        retryAfter: String(Math.ceil(((standing.timeout.until?.getTime() ?? now()) - now()) / 1000)),
      });
  }

  return {
    /**
     * A change to a stored message: an edit (`body` given: it counts against the message
     * limit and passes the word filter; the masked text is returned) or a reaction
     * (`limiter`: the reaction limit). Bans and timeouts stop both; staff skip the limits.
     */
    async checkChange(user: SessionUser, change: { body: string } | { limiter: RateLimiter }): Promise<string | undefined> {
      await inStanding(user);
      if (!isStaff(user)) {
        const limited = await ("limiter" in change ? change.limiter : deps.limiter).limit(user.id);
        if (!limited.success) {
          const wait = retryInSeconds(limited, now());
          const what = "limiter" in change ? "reacting" : "editing";
          throw new AppError("RATE_LIMITED", `You are ${what} too fast — try again in ${wait} s.`, { retryAfter: String(wait) });
        }
      }
      if (!("body" in change)) return undefined;
      return isStaff(user) ? applyWordFilter(change.body, deps.settings.get().wordFilter).body : wordFilter(user, change.body);
    },

    /** `spamText`: what the flood and duplicate rules compare (default the body; a caption-less message's files). */
    async check(user: SessionUser, room: { id: string; slowModeSeconds: number }, body: string, clientId: string, spamText = body): Promise<Admission> {
      await inStanding(user);
      if (isStaff(user)) return { body: applyWordFilter(body, deps.settings.get().wordFilter).body, settle: noop };

      const limited = await deps.limiter.limit(user.id);
      if (!limited.success) {
        const wait = retryInSeconds(limited, now());
        throw new AppError("RATE_LIMITED", `You are sending messages too fast — try again in ${wait} s.`, { retryAfter: String(wait) });
      }
      // A copy of this message already on its way: its outcome decides what this one is.
      for (let twin = ledger.inFlight(user.id, clientId, room.id); twin; twin = ledger.inFlight(user.id, clientId, room.id)) await twin;
      if (ledger.isStored(user.id, clientId, room.id)) return { body: await wordFilter(user, body), settle: noop };

      // Held from here on, with nothing awaited before: a twin waits for this outcome, and
      // a burst sent at once meets this message in the slow-mode count (in one synchronous
      // step in memory, one script in Redis).
      ledger.begin(user.id, clientId, room.id);
      try {
        const entering = deps.slowMode.enter(user.id, room.id, room.slowModeSeconds, now());
        if (entering) await entering;
      } catch (error) {
        ledger.end(user.id, clientId, room.id, false);
        throw error;
      }
      let settled = false;
      const settle = (outcome: WriteOutcome) => {
        if (settled) return;
        settled = true;
        ledger.end(user.id, clientId, room.id, outcome !== "refused");
        deps.slowMode.end(user.id, room.id, room.slowModeSeconds, outcome === "new", now());
      };
      try {
        await spamCheck(user, spamText);
        return { body: await wordFilter(user, body), settle };
      } catch (error) {
        settle("refused");
        throw error;
      }
    },
  };
}

export type MessageGate = ReturnType<typeof createMessageGate>;
