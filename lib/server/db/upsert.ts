import "server-only";
/**
 * Prisma's upsert here is a read, then a create or an update. Two at once on one key
 * (two tabs, two nodes, a double click) both read "missing" and both create: on
 * PostgreSQL the loser fails with a unique violation (P2002), or a deadlock or write
 * conflict (P2034). By then the row exists, so running the upsert again updates it.
 * The mirror case: it read "present", a concurrent delete (an unblock) removed the row,
 * and the update found nothing (P2025); again the upsert is simply run again.
 * SQLite writes one at a time and never gets here.
 */
export async function upsertRacing<T>(upsert: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await upsert();
    } catch (error) {
      const code = (error as { code?: string } | null)?.code;
      if (!(code === "P2002" || code === "P2034" || code === "P2025") || attempt >= attempts) throw error;
    }
  }
}
