import "server-only";
import type { Db } from "@/lib/server/db/client";
import { providerOf } from "@/lib/server/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * "Contains, ignoring case", as search boxes mean it. Prisma's `contains` is LIKE:
 * case-insensitive on SQLite (ASCII), case-sensitive on PostgreSQL, where it needs
 * `mode: "insensitive"` (ILIKE) — an option the SQLite client does not accept.
 */
export function containsIgnoringCase(db: Db, value: string): Prisma.StringFilter {
  return (providerOf(db) === "postgresql" ? { contains: value, mode: "insensitive" } : { contains: value }) as Prisma.StringFilter;
}
