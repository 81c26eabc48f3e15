import "server-only";
import type { Database as SqliteConnection } from "better-sqlite3";
import type { Db } from "@/lib/server/db/client";
import { isForeignKeyViolation } from "@/lib/server/db/errors";
import { AppError } from "@/lib/shared/errors";
import { claimRefused, isClaimFailure, sqliteClaimer } from "@/lib/server/services/attachments/claims";
import type { NewMessage, StoredMessage, WrittenMessage } from "@/lib/server/services/message-insert";
import { COLUMNS, insertWithPrisma, keyOf, RETURNING } from "@/lib/server/services/message-insert";

export type { NewMessage, StoredMessage, WrittenMessage };

interface Pending {
  input: NewMessage;
  resolve: (row: WrittenMessage) => void;
  reject: (error: unknown) => void;
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
  const claim = sqliteClaimer(connection);
  const insertAll = connection.transaction((inputs: NewMessage[], createdAt: string) =>
    inputs.map((m) => {
      const row = insert.get(
        m.roomId,
        m.authorId,
        m.body,
        m.clientId,
        m.kind ?? "text",
        m.recipientId ?? null,
        m.replyToId ?? null,
        m.mentions ?? null,
        createdAt,
      );
      // Only a row this statement inserted claims: a resend's files are already its original's.
      if (row && m.attachmentIds?.length) claim(row.id, m.authorId, m.attachmentIds);
      return row;
    }),
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
          isClaimFailure(error)
            ? claimRefused()
            : isForeignKeyViolation(error)
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
