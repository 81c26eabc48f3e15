import "server-only";
/**
 * At most `size` tasks at once; the rest wait in arrival order. For work whose
 * memory grows with how many run together (decoding large images).
 */
export function createSemaphore(size: number) {
  let active = 0;
  const queue: (() => void)[] = [];

  async function acquire(): Promise<void> {
    if (active < size) {
      active += 1;
      return;
    }
    // The releasing task hands its slot straight to the next waiter, so `active` stays put.
    await new Promise<void>((resolve) => queue.push(resolve));
  }

  function release(): void {
    const next = queue.shift();
    if (next) next();
    else active -= 1;
  }

  return {
    async run<T>(task: () => Promise<T>): Promise<T> {
      await acquire();
      try {
        return await task();
      } finally {
        release();
      }
    },
    get active(): number {
      return active;
    },
    get waiting(): number {
      return queue.length;
    },
  };
}

export type Semaphore = ReturnType<typeof createSemaphore>;
