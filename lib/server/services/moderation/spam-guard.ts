import "server-only";
import type { ModerationSettings } from "@/lib/shared/schemas/moderation";

export type SpamVerdict =
  | { kind: "ok" }
  | { kind: "warn"; rule: "flood" | "duplicate"; counts: string }
  | { kind: "ban"; rule: "flood" | "duplicate"; counts: string };

export interface StrikeRecord {
  strikes: number;
  lastSpamAt: number | null;
}

export interface SpamGuard {
  /** Call before storing a message. In memory it answers synchronously. */
  check(userId: string, text: string, now: number): SpamVerdict | Promise<SpamVerdict>;
  /** The length of an automatic ban for the user's next strike (read only when one is due). */
  escalate(record: StrikeRecord, now: number): { minutes: number; strike: number };
}

/** Strikes live in the database, so escalation is the same on every node. */
export function escalateStrike(s: ModerationSettings, record: StrikeRecord, now: number): { minutes: number; strike: number } {
  const decayed = record.lastSpamAt !== null && now - record.lastSpamAt > s.strikeDecayHours * 3_600_000;
  const strike = (decayed ? 0 : record.strikes) + 1;
  return { strike, minutes: s.escalationMinutes[Math.min(strike, s.escalationMinutes.length) - 1] ?? 1 };
}

export const floodCounts = (messages: number, windowSeconds: number) => `${messages} messages in ${windowSeconds} s`;
export const duplicateCounts = (same: number, windowSeconds: number) => `same text ${same} times in ${windowSeconds} s`;

/**
 * Flood and duplicate detection per user across all rooms, with sliding windows.
 * The first trip is a warning; another within `repeatWindowSeconds` is an automatic
 * temp-ban whose length escalates with the user's strikes (forgotten after a clean
 * `strikeDecayHours`). In-process windows (spam-guard.redis.ts shares them between nodes).
 */
export function createSpamGuard(deps: { settings: () => ModerationSettings }) {
  const sent = new Map<string, number[]>();
  const texts = new Map<string, Array<{ at: number; text: string }>>();
  const warnedAt = new Map<string, number>();

  function trip(userId: string, rule: "flood" | "duplicate", counts: string, now: number): SpamVerdict {
    const s = deps.settings();
    const warned = warnedAt.get(userId);
    if (warned === undefined || now - warned > s.repeatWindowSeconds * 1000) {
      warnedAt.set(userId, now);
      return { kind: "warn", rule, counts };
    }
    warnedAt.delete(userId);
    sent.delete(userId);
    texts.delete(userId);
    return { kind: "ban", rule, counts };
  }

  return {
    /** Pure memory: no database read per message. */
    check(userId: string, text: string, now: number): SpamVerdict {
      const s = deps.settings();
      const floodFrom = now - s.flood.windowSeconds * 1000;
      const times = (sent.get(userId) ?? []).filter((t) => t > floodFrom);
      times.push(now);
      sent.set(userId, times);
      if (times.length >= s.flood.messages) {
        sent.set(userId, []);
        return trip(userId, "flood", floodCounts(times.length, s.flood.windowSeconds), now);
      }
      const dupFrom = now - s.duplicate.windowSeconds * 1000;
      const normalized = text.trim().toLowerCase();
      const recent = (texts.get(userId) ?? []).filter((t) => t.at > dupFrom);
      recent.push({ at: now, text: normalized });
      texts.set(userId, recent);
      const same = recent.filter((t) => t.text === normalized).length;
      if (same >= s.duplicate.count) {
        texts.set(
          userId,
          recent.filter((t) => t.text !== normalized),
        );
        return trip(userId, "duplicate", duplicateCounts(same, s.duplicate.windowSeconds), now);
      }
      return { kind: "ok" };
    },

    escalate(record: StrikeRecord, now: number): { minutes: number; strike: number } {
      return escalateStrike(deps.settings(), record, now);
    },
  };
}
