import "server-only";
/** At most one relayed "started typing" per person and room in this long. */
export const TYPING_RELAY_INTERVAL_MS = 1000;
/** A start with no stop is forgotten after this long. */
export const TYPING_FORGET_AFTER_MS = 60_000;

export interface TypingThrottle {
  /** True when this start should be relayed to the room. In memory it answers synchronously. */
  start(userId: string, roomId: string): boolean | Promise<boolean>;
  /** True when a relayed start is still showing and this stop should clear it. */
  stop(userId: string, roomId: string): boolean | Promise<boolean>;
}

/** Runs `relay` when the throttle says so, without waiting for a throttle that answers later. */
export function whenRelayed(decision: boolean | Promise<boolean>, relay: () => void): void {
  if (decision === true) relay();
  else if (decision !== false) decision.then((yes) => yes && relay()).catch(() => undefined);
}

/**
 * Which typing events are worth relaying, per (user, room) — not per socket, so 200
 * tabs or a start/stop loop relay what one honest client would. A stop is relayed
 * only after a relayed start, and does not reopen the start window. One node's memory;
 * typing.redis.ts shares it when a person's tabs sit on several nodes.
 */
export function createTypingThrottle(now: () => number = Date.now) {
  const state = new Map<string, { startedAt: number; active: boolean }>();
  const key = (userId: string, roomId: string) => `${userId}\u0000${roomId}`;

  function sweep(at: number) {
    for (const [k, entry] of state) if (at - entry.startedAt > TYPING_FORGET_AFTER_MS) state.delete(k);
  }

  return {
    start(userId: string, roomId: string): boolean {
      const at = now();
      const k = key(userId, roomId);
      const entry = state.get(k);
      if (entry && at - entry.startedAt < TYPING_RELAY_INTERVAL_MS) return false;
      if (state.size > 10_000) sweep(at);
      state.set(k, { startedAt: at, active: true });
      return true;
    },
    stop(userId: string, roomId: string): boolean {
      const entry = state.get(key(userId, roomId));
      if (!entry?.active) return false;
      entry.active = false;
      return true;
    },
  };
}
