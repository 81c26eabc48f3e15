import "server-only";
import { AppError } from "@/lib/shared/errors";

export const slowModeRefusal = (wait: number) =>
  new AppError("RATE_LIMITED", `Slow mode is on: wait ${wait} s before your next message here.`, { retryAfter: String(wait) });

/**
 * Per-room minimum gap between one user's stored messages. Admission and recording are
 * apart so that a message refused later (word filter) or never stored does not start
 * the timer; a message between the two (`enter` … `end`) holds the next one back, or
 * a burst sent at once would all pass the check before the first was stored.
 */
export interface SlowMode {
  /** Throws the refusal inside the gap; otherwise holds the user's next message here until `end`. In memory it never returns a promise. */
  enter(userId: string, roomId: string, seconds: number, now: number): void | Promise<void>;
  /** Its write settled; only a stored message starts the gap. `seconds` is the one given to `enter`. */
  end(userId: string, roomId: string, seconds: number, stored: boolean, now: number): void;
}

/** One process's memory: enough for a single node (`enter` checks and holds in one synchronous step). */
export function createSlowMode(): SlowMode {
  const last = new Map<string, number>();
  const writing = new Map<string, number>();
  const keyOf = (userId: string, roomId: string) => `${roomId}:${userId}`;

  return {
    enter(userId, roomId, seconds, now) {
      const key = keyOf(userId, roomId);
      if (seconds > 0) {
        if ((writing.get(key) ?? 0) > 0) throw slowModeRefusal(seconds);
        const previous = last.get(key);
        if (previous !== undefined && now - previous < seconds * 1000) throw slowModeRefusal(Math.ceil((seconds * 1000 - (now - previous)) / 1000));
      }
      writing.set(key, (writing.get(key) ?? 0) + 1);
    },
    end(userId, roomId, _seconds, stored, now) {
      const key = keyOf(userId, roomId);
      const count = (writing.get(key) ?? 1) - 1;
      if (count > 0) writing.set(key, count);
      else writing.delete(key);
      if (stored) last.set(key, now);
    },
  };
}
