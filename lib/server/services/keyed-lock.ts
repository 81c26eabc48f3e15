import "server-only";
/**
 * Runs tasks with the same key one after another. Used where a check and a write
 * must not interleave (a room's member limit under concurrent joins). In-process
 * only: on PostgreSQL the membership service adds a row lock for other nodes.
 */
export function createKeyedLock() {
  const tails = new Map<string, Promise<unknown>>();
  return async function withLock<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = tails.get(key) ?? Promise.resolve();
    const run = previous.then(task, task);
    const tail = run.catch(() => undefined);
    tails.set(key, tail);
    try {
      return await run;
    } finally {
      if (tails.get(key) === tail) tails.delete(key);
    }
  };
}
