import { AppError } from "@/lib/errors";

/** Per-room minimum gap between one user's messages. */
export function createSlowMode() {
  const last = new Map<string, number>();
  return {
    check(userId: string, roomId: string, seconds: number, now: number): void {
      if (seconds <= 0) return;
      const key = `${roomId}:${userId}`;
      const previous = last.get(key);
      if (previous !== undefined && now - previous < seconds * 1000) {
        const wait = Math.ceil((seconds * 1000 - (now - previous)) / 1000);
        throw new AppError("RATE_LIMITED", `Slow mode is on: wait ${wait} s before your next message here.`, { retryAfter: String(wait) });
      }
      last.set(key, now);
    },
  };
}
