import type { ModerationSettings } from "@/lib/schemas/moderation";

/**
 * Login brute-force protection. `maxAttempts` consecutive failures for the same
 * (username, IP) block that pair for `blockSeconds`; attempts during a block neither
 * count nor extend it. A wider per-IP cap stops spraying many usernames. A success
 * clears the pair's count.
 */
export function createLoginGuard(deps: { settings: () => ModerationSettings["login"]; now?: () => number }) {
  const now = deps.now ?? Date.now;
  const pairs = new Map<string, { failures: number; blockedUntil: number }>();
  const ipFailures = new Map<string, number[]>();
  const pairKey = (username: string, ip: string) => `${username}\u0000${ip}`;

  return {
    /** Seconds to wait before trying again, or 0 when an attempt may go ahead. */
    retryAfter(username: string, ip: string): number {
      const s = deps.settings();
      const at = now();
      const pair = pairs.get(pairKey(username, ip));
      let until = pair && pair.blockedUntil > at ? pair.blockedUntil : 0;
      const recent = (ipFailures.get(ip) ?? []).filter((t) => t > at - s.ipWindowSeconds * 1000);
      if (recent.length >= s.ipMaxFailures) until = Math.max(until, (recent[0] ?? at) + s.ipWindowSeconds * 1000);
      return until > at ? Math.ceil((until - at) / 1000) : 0;
    },

    recordFailure(username: string, ip: string): void {
      const s = deps.settings();
      const at = now();
      const key = pairKey(username, ip);
      const pair = pairs.get(key) ?? { failures: 0, blockedUntil: 0 };
      if (pair.blockedUntil > at) return;
      pair.failures += 1;
      if (pair.failures >= s.maxAttempts) {
        pair.failures = 0;
        pair.blockedUntil = at + s.blockSeconds * 1000;
      }
      pairs.set(key, pair);
      const recent = (ipFailures.get(ip) ?? []).filter((t) => t > at - s.ipWindowSeconds * 1000);
      recent.push(at);
      ipFailures.set(ip, recent);
    },

    recordSuccess(username: string, ip: string): void {
      pairs.delete(pairKey(username, ip));
    },
  };
}

export type LoginGuard = ReturnType<typeof createLoginGuard>;

export const tooManyAttempts = (seconds: number) => `Too many attempts — try again in ${seconds} s`;
