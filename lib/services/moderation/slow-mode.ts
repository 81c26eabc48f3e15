import { AppError } from "@/lib/errors";

const refusal = (wait: number) => new AppError("RATE_LIMITED", `Slow mode is on: wait ${wait} s before your next message here.`, { retryAfter: String(wait) });

/**
 * Per-room minimum gap between one user's stored messages. Checking and recording are
 * apart so that a message refused later (word filter) or never stored does not start
 * the timer; a message between the two (`begin` … `end`) holds the next one back, or
 * a burst sent at once would all pass the check before the first was stored.
 */
export function createSlowMode() {
  const last = new Map<string, number>();
  const writing = new Map<string, number>();
  const keyOf = (userId: string, roomId: string) => `${roomId}:${userId}`;

  return {
    check(userId: string, roomId: string, seconds: number, now: number): void {
      if (seconds <= 0) return;
      const key = keyOf(userId, roomId);
      if ((writing.get(key) ?? 0) > 0) throw refusal(seconds);
      const previous = last.get(key);
      if (previous !== undefined && now - previous < seconds * 1000) throw refusal(Math.ceil((seconds * 1000 - (now - previous)) / 1000));
    },
    /** The message passed every check and is being written. */
    begin(userId: string, roomId: string): void {
      const key = keyOf(userId, roomId);
      writing.set(key, (writing.get(key) ?? 0) + 1);
    },
    /** Its write settled; only a stored message starts the gap. */
    end(userId: string, roomId: string, stored: boolean, now: number): void {
      const key = keyOf(userId, roomId);
      const count = (writing.get(key) ?? 1) - 1;
      if (count > 0) writing.set(key, count);
      else writing.delete(key);
      if (stored) last.set(key, now);
    },
  };
}

export type SlowMode = ReturnType<typeof createSlowMode>;
