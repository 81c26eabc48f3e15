import type { Db } from "@/lib/db/client";

export interface NewMessage {
  roomId: string;
  authorId: string;
  body: string;
  clientId: string;
  kind?: string;
  recipientId?: string | null;
}

export interface StoredMessage extends NewMessage {
  id: number;
  createdAt: Date;
  kind: string;
  recipientId: string | null;
}

interface Pending {
  input: NewMessage;
  resolve: (row: StoredMessage) => void;
  reject: (error: unknown) => void;
}

const keyOf = (m: { authorId: string; clientId: string }) => `${m.authorId}\u0000${m.clientId}`;
const isUniqueViolation = (e: unknown) => (e as { code?: string } | null)?.code === "P2002";

/**
 * Group commit: messages that arrive while a write is in flight are stored together
 * in one INSERT (one transaction, one fsync) instead of one transaction each. Every
 * caller's promise settles only after its row is committed, so an ack is durable.
 */
export function createMessageWriter(deps: { db: Db; maxBatch?: number }) {
  const { db, maxBatch = 500 } = deps;
  const queue: Pending[] = [];
  let running: Promise<void> | null = null;

  async function writeOne(input: NewMessage): Promise<StoredMessage> {
    try {
      return await db.message.create({ data: input });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      // A resend of a message already stored: answer with the stored one.
      const existing = await db.message.findUnique({
        where: { authorId_clientId: { authorId: input.authorId, clientId: input.clientId } },
      });
      if (!existing) throw error;
      return existing;
    }
  }

  async function writeBatch(batch: Pending[]): Promise<void> {
    if (batch.length === 1) {
      const [only] = batch as [Pending];
      await writeOne(only.input).then(only.resolve, only.reject);
      return;
    }
    try {
      const rows = await db.message.createManyAndReturn({ data: batch.map((p) => p.input) });
      const byKey = new Map(rows.map((row) => [keyOf(row), row]));
      for (const p of batch) {
        const row = byKey.get(keyOf(p.input));
        if (row) p.resolve(row);
        else p.reject(new Error("Stored row missing from the batch result"));
      }
    } catch {
      // One bad row (a resend, a room deleted meanwhile) fails the whole statement:
      // settle each on its own so the others still land.
      for (const p of batch) await writeOne(p.input).then(p.resolve, p.reject);
    }
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
    write(input: NewMessage): Promise<StoredMessage> {
      return new Promise<StoredMessage>((resolve, reject) => {
        queue.push({ input, resolve, reject });
        running ??= run();
      });
    },
    /** Resolves once every accepted message is committed (used at shutdown). */
    async drain(): Promise<void> {
      while (running) await running;
    },
  };
}

export type MessageWriter = ReturnType<typeof createMessageWriter>;
