import "server-only";
/**
 * Which of a user's client ids are stored (the last 50 per user) or being written
 * right now, and in which room. A resend of a stored message is the same message
 * again, so slow mode and the spam counters must not count it twice; a refused one is
 * never marked stored, so its resend is checked like a new message. Memory only:
 * after a restart a resend is checked in full and the database answers it.
 */
export function createClientIdLedger(perUser = 50) {
  const stored = new Map<string, Map<string, string>>();
  const writing = new Map<string, { done: Promise<void>; resolve: () => void }>();
  const keyOf = (userId: string, clientId: string, roomId: string) => `${userId}\u0000${clientId}\u0000${roomId}`;

  return {
    isStored(userId: string, clientId: string, roomId: string): boolean {
      return stored.get(userId)?.get(clientId) === roomId;
    },
    /** Settles when the write of this clientId now under way ends; null when there is none. */
    inFlight(userId: string, clientId: string, roomId: string): Promise<void> | null {
      return writing.get(keyOf(userId, clientId, roomId))?.done ?? null;
    },
    begin(userId: string, clientId: string, roomId: string): void {
      let resolve = () => {};
      const done = new Promise<void>((r) => (resolve = r));
      writing.set(keyOf(userId, clientId, roomId), { done, resolve });
    },
    /** `isStored`: the database holds this clientId in this room (new, or from before). */
    end(userId: string, clientId: string, roomId: string, isStored: boolean): void {
      const key = keyOf(userId, clientId, roomId);
      if (isStored) {
        const ids = stored.get(userId) ?? new Map<string, string>();
        ids.delete(clientId);
        ids.set(clientId, roomId);
        if (ids.size > perUser) ids.delete(ids.keys().next().value as string);
        stored.set(userId, ids);
      }
      writing.get(key)?.resolve();
      writing.delete(key);
    },
  };
}

export type ClientIdLedger = ReturnType<typeof createClientIdLedger>;
