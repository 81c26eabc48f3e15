import "server-only";
import crypto from "node:crypto";
import type { ModerationSettings } from "@/lib/shared/schemas/moderation";

type LoginSettings = ModerationSettings["login"];

/** An attempt may run its password check (`ticket` names it), or must wait. */
export type LoginReservation = { ok: true; ticket: string } | { ok: false; retryAfter: number };

/**
 * Login brute-force protection. `maxAttempts` consecutive failures for the same
 * (username, IP) block that pair for `blockSeconds`; attempts during a block neither
 * count nor extend it. A wider per-IP cap (`ipMaxFailures` per `ipWindowSeconds`)
 * stops spraying many usernames. A success clears the pair's count.
 *
 * An attempt is counted as a failure when it is *reserved*, before the slow password
 * check, and forgiven on success: checking first and counting after let 50 parallel
 * attempts all pass the check before any failure was recorded.
 */
export interface LoginGuard {
  reserve(username: string, ip: string): Promise<LoginReservation>;
  /** The password was right: the pair starts over and this attempt stops counting against the address. */
  succeeded(username: string, ip: string, ticket: string): Promise<void>;
  /** Seconds until the pair or address may try again (0: now). */
  retryAfter(username: string, ip: string): Promise<number>;
}

export const newTicket = () => crypto.randomUUID();

/** One process's memory: enough for a single node (JavaScript runs a reservation without interleaving). */
export function createMemoryLoginGuard(deps: { settings: () => LoginSettings; now?: () => number }): LoginGuard {
  const now = deps.now ?? Date.now;
  const pairs = new Map<string, { failures: number; blockedUntil: number }>();
  const ipAttempts = new Map<string, { at: number; ticket: string }[]>();
  const pairKey = (username: string, ip: string) => `${username}\u0000${ip}`;

  function recentFor(ip: string, s: LoginSettings, at: number) {
    const recent = (ipAttempts.get(ip) ?? []).filter((a) => a.at > at - s.ipWindowSeconds * 1000);
    if (recent.length === 0) ipAttempts.delete(ip);
    else ipAttempts.set(ip, recent);
    return recent;
  }

  function wait(username: string, ip: string, s: LoginSettings, at: number): number {
    const pair = pairs.get(pairKey(username, ip));
    let until = pair && pair.blockedUntil > at ? pair.blockedUntil : 0;
    const recent = recentFor(ip, s, at);
    if (recent.length >= s.ipMaxFailures) until = Math.max(until, (recent[0]?.at ?? at) + s.ipWindowSeconds * 1000);
    return until > at ? Math.ceil((until - at) / 1000) : 0;
  }

  return {
    async reserve(username, ip) {
      const s = deps.settings();
      const at = now();
      const retryAfter = wait(username, ip, s, at);
      if (retryAfter > 0) return { ok: false, retryAfter };
      const key = pairKey(username, ip);
      const pair = pairs.get(key) ?? { failures: 0, blockedUntil: 0 };
      pair.failures += 1;
      if (pair.failures >= s.maxAttempts) {
        pair.failures = 0;
        pair.blockedUntil = at + s.blockSeconds * 1000;
      }
      pairs.set(key, pair);
      const ticket = newTicket();
      ipAttempts.set(ip, [...recentFor(ip, s, at), { at, ticket }]);
      return { ok: true, ticket };
    },

    async succeeded(username, ip, ticket) {
      pairs.delete(pairKey(username, ip));
      const rest = (ipAttempts.get(ip) ?? []).filter((a) => a.ticket !== ticket);
      if (rest.length === 0) ipAttempts.delete(ip);
      else ipAttempts.set(ip, rest);
    },

    async retryAfter(username, ip) {
      return wait(username, ip, deps.settings(), now());
    },
  };
}

export const tooManyAttempts = (seconds: number) => `Too many attempts — try again in ${seconds} s`;
