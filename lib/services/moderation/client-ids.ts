/**
 * Which of a user's client ids already passed the message gate for a room: stored
 * (the last 50 per user) or being written right now. A resend of one of those is the
 * same message again, so slow mode and the spam counters must not count it twice; a
 * refused message is never entered, so its resend is checked like a new one. Memory
 * only: after a restart a resend is checked in full and the database answers it.
 */
export function createClientIdLedger(perUser = 50) {
  const stored = new Map<string, Map<string, string>>();
  const writing = new Map<string, number>();
  const keyOf = (userId: string, clientId: string, roomId: string) => `${userId}\u0000${clientId}\u0000${roomId}`;

  return {
    passed(userId: string, clientId: string, roomId: string): boolean {
      return stored.get(userId)?.get(clientId) === roomId || (writing.get(keyOf(userId, clientId, roomId)) ?? 0) > 0;
    },
    begin(userId: string, clientId: string, roomId: string): void {
      const key = keyOf(userId, clientId, roomId);
      writing.set(key, (writing.get(key) ?? 0) + 1);
    },
    /** `stored`: the database holds this clientId in this room (new or from before). */
    end(userId: string, clientId: string, roomId: string, isStored: boolean): void {
      const key = keyOf(userId, clientId, roomId);
      const count = (writing.get(key) ?? 1) - 1;
      if (count > 0) writing.set(key, count);
      else writing.delete(key);
      if (!isStored) return;
      const ids = stored.get(userId) ?? new Map<string, string>();
      ids.delete(clientId);
      ids.set(clientId, roomId);
      if (ids.size > perUser) ids.delete(ids.keys().next().value as string);
      stored.set(userId, ids);
    },
  };
}

export type ClientIdLedger = ReturnType<typeof createClientIdLedger>;
