import "server-only";
import type { Db } from "@/lib/server/db/client";
import { providerOf } from "@/lib/server/db/client";
import { LOCK_NAMESPACE } from "@/lib/server/db/locks";
import { Prisma } from "@/lib/generated/prisma/client";
import { CLAIM_MARKER, claimWithPrisma } from "@/lib/server/services/attachments/claims";

/** The statements the message writer stores a batch with through Prisma (PostgreSQL, or SQLite when its own connection is busy). */
export interface NewMessage {
  roomId: string;
  authorId: string;
  body: string;
  clientId: string;
  kind?: string;
  recipientId?: string | null;
  /** The message this one answers (checked by the caller: same room, readable). */
  replyToId?: number | null;
  /** MessageMentions as JSON, or null: resolved by the caller from the text. */
  mentions?: string | null;
  /** Uploads of the author this message takes, in order: claimed in the same transaction, all or nothing. */
  attachmentIds?: string[];
}

export interface StoredMessage extends NewMessage {
  id: number;
  createdAt: Date;
  kind: string;
  recipientId: string | null;
  replyToId: number | null;
  mentions: string | null;
  /** Set when a moderator removed it (only read for rows stored earlier). */
  deletedAt?: Date | null;
}

/**
 * What a write settled to. `duplicate`: the author had stored this clientId before (or
 * an identical write in the same batch won), so nothing new was stored and the row is
 * the earlier one — possibly in another room, possibly removed.
 */
export type WrittenMessage = StoredMessage & { duplicate: boolean };

export const keyOf = (m: { authorId: string; clientId: string }) => `${m.authorId}\u0000${m.clientId}`;

export const COLUMNS = `"roomId", "authorId", "body", "clientId", "kind", "recipientId", "replyToId", "mentions", "createdAt"`;
export const RETURNING = `"id", "roomId", "authorId", "body", "clientId", "kind", "recipientId", "replyToId", "mentions", "createdAt"`;

/**
 * One statement for a whole batch, plain SQL that SQLite and PostgreSQL both speak.
 * A resend (same author and clientId) inserts nothing and is answered from the row
 * already stored. Prisma's createManyAndReturn re-plans per batch size and cannot skip
 * duplicates on SQLite; this measured ~5× more stored messages/s (bench/README.md).
 */
function insertStatement(db: Db | Prisma.TransactionClient, inputs: NewMessage[]) {
  const createdAt = new Date();
  const values = inputs.map(
    (m) =>
      Prisma.sql`(${m.roomId}, ${m.authorId}, ${m.body}, ${m.clientId}, ${m.kind ?? "text"}, ${m.recipientId ?? null}, ${m.replyToId ?? null}, ${m.mentions ?? null}, ${createdAt})`,
  );
  return db.$queryRaw<StoredMessage[]>`
    INSERT INTO "Message" (${Prisma.raw(COLUMNS)})
    VALUES ${Prisma.join(values)}
    ON CONFLICT ("authorId", "clientId") DO NOTHING
    RETURNING ${Prisma.raw(RETURNING)}`;
}

/**
 * PostgreSQL: message ids are the catch-up cursor (messages.since: "after id N"), but a
 * sequence hands out ids at insert, not at commit. Two nodes inserting into one room
 * could commit out of order, and a reader that saw id 11 would never see 10. So each
 * batch takes a transaction lock per room it writes to (sorted, so two batches never
 * deadlock) before it draws ids, and holds it to commit: within a room, ids become
 * visible in order. Rooms are independent; one node already sends one batch at a time.
 * Lock and insert are one statement: a transaction of two would cost four round trips
 * (begin, lock, insert, commit), the lock held across all of them (bench/README.md).
 */
async function insertSerializedPerRoom(db: Db, inputs: NewMessage[]): Promise<StoredMessage[]> {
  const rooms = [...new Set(inputs.map((m) => m.roomId))];
  const createdAt = new Date();
  // Typed here: rows that come from VALUES through a SELECT are not typed by the columns.
  const values = inputs.map(
    (m) =>
      Prisma.sql`(${m.roomId}::text, ${m.authorId}::text, ${m.body}::text, ${m.clientId}::text, ${m.kind ?? "text"}::text, ${m.recipientId ?? null}::text, ${m.replyToId ?? null}::int, ${m.mentions ?? null}::text, ${createdAt}::timestamp(3))`,
  );
  const claims = claimRows(inputs);
  if (claims.length > 0) return insertClaimingPg(db, rooms, values, claims);
  // One statement, one round trip, its own transaction: the materialized CTE takes every
  // lock (a volatile call the planner keeps) before the join yields the first row, so
  // before any id is drawn; they are held until the statement commits.
  return db.$queryRaw<StoredMessage[]>`
    WITH locks AS MATERIALIZED (${roomLocks(rooms)})
    INSERT INTO "Message" (${Prisma.raw(COLUMNS)})
    SELECT v.* FROM (VALUES ${Prisma.join(values)}) AS v(${Prisma.raw(COLUMNS)}) CROSS JOIN locks
    ON CONFLICT ("authorId", "clientId") DO NOTHING
    RETURNING ${Prisma.raw(RETURNING)}`;
}

const roomLocks = (rooms: string[]) => Prisma.sql`
  SELECT count(*) AS held FROM (
    SELECT pg_advisory_xact_lock(${LOCK_NAMESPACE.roomMessages}::int, k)
    FROM (SELECT DISTINCT hashtext(r) AS k FROM unnest(ARRAY[${Prisma.join(rooms)}]::text[]) AS r ORDER BY k) AS keys
  ) AS taken`;

/** (author, clientId, attachment, position) per file to claim; a clientId twice in one batch claims once (the twin is a duplicate). */
function claimRows(inputs: NewMessage[]): Prisma.Sql[] {
  const seen = new Set<string>();
  return inputs.flatMap((m) => {
    if (!m.attachmentIds?.length || seen.has(keyOf(m))) return [];
    seen.add(keyOf(m));
    return m.attachmentIds.map((id, position) => Prisma.sql`(${m.authorId}::text, ${m.clientId}::text, ${id}::text, ${position}::int)`);
  });
}

/**
 * The batched insert that also claims files, still one statement: the rows it inserted
 * take their files in a data-modifying CTE, and if any file was not the author's and
 * unsent, a cast that can only fail at run time aborts the statement (nothing stored),
 * so the writer retries each message alone and only the one at fault is refused.
 */
function insertClaimingPg(db: Db, rooms: string[], values: Prisma.Sql[], claims: Prisma.Sql[]): Promise<StoredMessage[]> {
  return db.$queryRaw<StoredMessage[]>`
    WITH locks AS MATERIALIZED (${roomLocks(rooms)}),
    ins AS (
      INSERT INTO "Message" (${Prisma.raw(COLUMNS)})
      SELECT v.* FROM (VALUES ${Prisma.join(values)}) AS v(${Prisma.raw(COLUMNS)}) CROSS JOIN locks
      ON CONFLICT ("authorId", "clientId") DO NOTHING
      RETURNING ${Prisma.raw(RETURNING)}
    ),
    wanted AS (
      SELECT ins."id" AS "messageId", ins."authorId", w."attachmentId", w."position"
      FROM ins JOIN (VALUES ${Prisma.join(claims)}) AS w("authorId", "clientId", "attachmentId", "position")
        ON w."authorId" = ins."authorId" AND w."clientId" = ins."clientId"
    ),
    claimed AS (
      UPDATE "Attachment" AS a SET "messageId" = wanted."messageId", "position" = wanted."position"
      FROM wanted
      WHERE a."id" = wanted."attachmentId" AND a."uploaderId" = wanted."authorId" AND a."messageId" IS NULL
      RETURNING a."id"
    )
    SELECT ins.* FROM ins
    WHERE (CASE WHEN (SELECT count(*) FROM claimed) < (SELECT count(*) FROM wanted) THEN CAST(${CLAIM_MARKER}::text || ins."id"::text AS int) ELSE 0 END) = 0`;
}

export async function insertWithPrisma(db: Db, inputs: NewMessage[]): Promise<StoredMessage[]> {
  if (providerOf(db) === "postgresql") return insertSerializedPerRoom(db, inputs);
  if (!inputs.some((m) => m.attachmentIds?.length)) return insertStatement(db, inputs);
  // SQLite without the writer's own connection (it was busy): the claims need a transaction of their own.
  return db.$transaction(async (tx) => {
    const rows = await insertStatement(tx, inputs);
    const inserted = new Map(rows.map((row) => [keyOf(row), row]));
    for (const m of inputs) {
      const row = inserted.get(keyOf(m));
      if (!row || !m.attachmentIds?.length) continue;
      inserted.delete(keyOf(m));
      await claimWithPrisma(tx, row.id, m.authorId, m.attachmentIds);
    }
    return rows;
  });
}
