import "server-only";
import type { Database as SqliteConnection } from "better-sqlite3";
import type { Db } from "@/lib/server/db/client";
import { providerOf } from "@/lib/server/db/client";
import { isForeignKeyViolation } from "@/lib/server/db/errors";
import { LOCK_NAMESPACE } from "@/lib/server/db/locks";
import { AppError } from "@/lib/shared/errors";
import { Prisma } from "@/lib/generated/prisma/client";

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

interface Pending {
  input: NewMessage;
  resolve: (row: WrittenMessage) => void;
  reject: (error: unknown) => void;
}

const keyOf = (m: { authorId: string; clientId: string }) => `${m.authorId}\u0000${m.clientId}`;

const COLUMNS = `"roomId", "authorId", "body", "clientId", "kind", "recipientId", "replyToId", "mentions", "createdAt"`;
const RETURNING = `"id", "roomId", "authorId", "body", "clientId", "kind", "recipientId", "replyToId", "mentions", "createdAt"`;

/**
 * One statement for a whole batch, plain SQL that SQLite and PostgreSQL both speak.
 * A resend (same author and clientId) inserts nothing and is answered from the row
 * already stored. Prisma's createManyAndReturn re-plans per batch size and cannot skip
 * duplicates on SQLite; this measured ~5× more stored messages/s (bench/README.md).
 */
function insertStatement(db: Db, inputs: NewMessage[]) {
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
  // One statement, one round trip, its own transaction: the materialized CTE takes every
  // lock (a volatile call the planner keeps) before the join yields the first row, so
  // before any id is drawn; they are held until the statement commits.
  return db.$queryRaw<StoredMessage[]>`
    WITH locks AS MATERIALIZED (
      SELECT count(*) AS held FROM (
        SELECT pg_advisory_xact_lock(${LOCK_NAMESPACE.roomMessages}::int, k)
        FROM (SELECT DISTINCT hashtext(r) AS k FROM unnest(ARRAY[${Prisma.join(rooms)}]::text[]) AS r ORDER BY k) AS keys
      ) AS taken
    )
    INSERT INTO "Message" (${Prisma.raw(COLUMNS)})
    SELECT v.* FROM (VALUES ${Prisma.join(values)}) AS v(${Prisma.raw(COLUMNS)}) CROSS JOIN locks
    ON CONFLICT ("authorId", "clientId") DO NOTHING
    RETURNING ${Prisma.raw(RETURNING)}`;
}

async function insertWithPrisma(db: Db, inputs: NewMessage[]): Promise<StoredMessage[]> {
  return providerOf(db) === "postgresql" ? insertSerializedPerRoom(db, inputs) : insertStatement(db, inputs);
}

type SqliteRow = Omit<StoredMessage, "createdAt"> & { createdAt: string };

/**
 * The same insert on the writer's own SQLite connection: one prepared statement, the
 * whole batch in one transaction (one commit, one fsync), run synchronously. Dates
 * are stored the way Prisma's SQLite adapter stores them (ISO 8601, "+00:00").
 */
function sqliteInserter(connection: SqliteConnection) {
  const insert = connection.prepare<unknown[], SqliteRow>(
    `INSERT INTO "Message" (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT ("authorId", "clientId") DO NOTHING RETURNING ${RETURNING}`,
  );
  const insertAll = connection.transaction((inputs: NewMessage[], createdAt: string) =>
    inputs.map((m) =>
      insert.get(m.roomId, m.authorId, m.body, m.clientId, m.kind ?? "text", m.recipientId ?? null, m.replyToId ?? null, m.mentions ?? null, createdAt),
    ),
  );
  return (inputs: NewMessage[]): StoredMessage[] =>
    insertAll(inputs, new Date().toISOString().replace("Z", "+00:00"))
      .filter((row): row is SqliteRow => row !== undefined)
      .map((row) => ({ ...row, createdAt: new Date(row.createdAt) }));
}

const isBusy = (error: unknown) => /^SQLITE_(BUSY|LOCKED)/.test(String((error as { code?: unknown } | null)?.code ?? ""));

const storedFields = {
  id: true,
  roomId: true,
  authorId: true,
  body: true,
  clientId: true,
  kind: true,
  recipientId: true,
  replyToId: true,
  mentions: true,
  createdAt: true,
  deletedAt: true,
} as const;

/**
 * Group commit: messages that arrive while a write is in flight are stored together
 * in one INSERT (one transaction, one fsync) instead of one transaction each. Every
 * caller's promise settles only after its row is committed, so an ack is durable.
 */
export function createMessageWriter(deps: { db: Db; sqlite?: SqliteConnection | null; maxBatch?: number }) {
  const { db, maxBatch = 500 } = deps;
  const queue: Pending[] = [];
  let running: Promise<void> | null = null;
  const insertDirect = deps.sqlite ? sqliteInserter(deps.sqlite) : null;
  const stats = { batches: 0, messages: 0 };

  async function insertBatch(inputs: NewMessage[]): Promise<StoredMessage[]> {
    stats.batches++;
    stats.messages += inputs.length;
    if (insertDirect) {
      try {
        return insertDirect(inputs);
      } catch (error) {
        // Never wait for a lock on the event loop: let Prisma's connection queue for it.
        if (!isBusy(error)) throw error;
      }
    }
    return insertWithPrisma(db, inputs);
  }

  async function settle(batch: Pending[], rows: StoredMessage[]): Promise<void> {
    // RETURNING yields only rows this statement inserted: those are the new ones.
    const inserted = new Map(rows.map((row) => [keyOf(row), row]));
    const earlier = new Map<string, StoredMessage>();
    const resent = batch.filter((p) => !inserted.has(keyOf(p.input)));
    if (resent.length > 0) {
      // Resends of messages stored earlier: answer with the stored originals.
      const stored = await db.message.findMany({
        where: { OR: resent.map((p) => ({ authorId: p.input.authorId, clientId: p.input.clientId })) },
        select: storedFields,
      });
      for (const row of stored) earlier.set(keyOf(row), row);
    }
    for (const p of batch) {
      const key = keyOf(p.input);
      const fresh = inserted.get(key);
      if (fresh) {
        // Two writes of one clientId in one batch: the first takes the new row, the twin is a duplicate.
        inserted.delete(key);
        earlier.set(key, fresh);
        p.resolve({ ...fresh, deletedAt: null, duplicate: false });
        continue;
      }
      const row = earlier.get(key);
      if (row) p.resolve({ ...row, duplicate: true });
      else p.reject(new Error("Stored row missing from the batch result"));
    }
  }

  async function writeBatch(batch: Pending[]): Promise<void> {
    let rows: StoredMessage[];
    try {
      rows = await insertBatch(batch.map((p) => p.input));
    } catch (error) {
      if (batch.length === 1) {
        // The room (or the whisper's or DM's person) went away after the sender's rights
        // were checked: a sentence for the sender, not an internal fault (found by the fuzzer).
        batch[0]!.reject(
          isForeignKeyViolation(error)
            ? new AppError("NOT_FOUND", "This conversation no longer exists (it may have been deleted). Your message was not sent.")
            : error,
        );
        return;
      }
      // One bad row (a room deleted meanwhile) fails the whole statement: store each
      // on its own so the others still land.
      for (const p of batch) await writeBatch([p]);
      return;
    }
    await settle(batch, rows).catch((error: unknown) => {
      for (const p of batch) p.reject(error);
    });
  }

  async function run(): Promise<void> {
    // better-sqlite3 commits (and fsyncs) on the event loop, so nothing arrives during a
    // write: yield to I/O before every batch so what came in meanwhile joins the next one.
    do {
      await new Promise<void>((resolve) => setImmediate(resolve));
      await writeBatch(queue.splice(0, maxBatch));
    } while (queue.length > 0);
    running = null;
  }

  return {
    write(input: NewMessage): Promise<WrittenMessage> {
      return new Promise<WrittenMessage>((resolve, reject) => {
        queue.push({ input, resolve, reject });
        running ??= run();
      });
    },
    /** Resolves once every accepted message is committed (used at shutdown). */
    async drain(): Promise<void> {
      while (running) await running;
    },
    /** Batches and messages written so far (tests and diagnostics). */
    stats(): Readonly<typeof stats> {
      return { ...stats };
    },
    /** After drain: closes the writer's own connection. */
    close(): void {
      deps.sqlite?.close();
    },
  };
}

export type MessageWriter = ReturnType<typeof createMessageWriter>;
