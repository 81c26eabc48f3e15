import "server-only";
/**
 * Database errors that mean something to a caller, told apart the same way on every
 * path: Prisma's model calls (P2003), Prisma's raw queries through a driver adapter
 * (P2010 carrying the adapter's `kind`), and better-sqlite3 used directly.
 */
type MaybeDbError = { code?: unknown; meta?: { driverAdapterError?: { cause?: { kind?: unknown } } } } | null;

/** A row points at a parent that is gone (a room deleted between a check and an insert). */
export function isForeignKeyViolation(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const e = error as MaybeDbError;
  if (e?.code === "P2003" || e?.code === "SQLITE_CONSTRAINT_FOREIGNKEY") return true;
  return e?.meta?.driverAdapterError?.cause?.kind === "ForeignKeyConstraintViolation";
}
