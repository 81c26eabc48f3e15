import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Database as SqliteConnection } from "better-sqlite3";
import type { Db } from "@/lib/server/db/client";
import { openWriterConnection } from "@/lib/server/db/client";
import { createMessageWriter } from "@/lib/server/services/message-writer";
import { createTestDb } from "@/tests/test-db";

let db: Db;
let url: string;
let roomId: string;
let authorId: string;
let closeDb: () => Promise<void>;
const connections: SqliteConnection[] = [];
// Runs on the suite's database: SQLite by default, PostgreSQL with PARLEY_TEST_DATABASE_URL.
const onSqlite = !process.env.PARLEY_TEST_DATABASE_URL?.startsWith("postgres");

beforeAll(async () => {
  const testDb = await createTestDb();
  ({ db, url } = testDb);
  closeDb = testDb.close;
  roomId = (await db.room.create({ data: { name: "general" } })).id;
  authorId = (await db.user.create({ data: { username: "w", displayName: "W", passwordHash: "x" } })).id;
});
afterAll(async () => {
  for (const connection of connections) connection.close();
  await closeDb();
});

const paths = {
  ...(onSqlite
    ? {
        "its own SQLite connection": () => {
          const sqlite = openWriterConnection(url);
          if (!sqlite) throw new Error("expected a SQLite connection");
          connections.push(sqlite);
          return { sqlite };
        },
      }
    : {}),
  "Prisma (PostgreSQL, or SQLite when the file is busy)": () => ({ sqlite: null }),
};

describe.each(Object.entries(paths))("message writer (group commit) through %s", (via, open) => {
  const tag = via.startsWith("its") ? "d" : "p";
  const newWriter = (options: { maxBatch?: number } = {}) => createMessageWriter({ db, ...open(), ...options });

  it("stores messages that arrive together in one statement and settles each after commit", async () => {
    const writer = newWriter();
    const throughPrisma = vi.spyOn(db, "$queryRaw");
    const rows = await Promise.all(Array.from({ length: 40 }, (_, i) => writer.write({ roomId, authorId, body: `b${i}`, clientId: `${tag}batch-${i}` })));
    expect(writer.stats()).toEqual({ batches: 1, messages: 40 });
    expect(throughPrisma).toHaveBeenCalledTimes(tag === "d" ? 0 : 1);
    throughPrisma.mockRestore();
    expect(rows.map((r) => r.body)).toEqual(Array.from({ length: 40 }, (_, i) => `b${i}`));
    // Ids follow arrival order, so history and catch-up read in send order.
    expect(rows.map((r) => r.id)).toEqual([...rows.map((r) => r.id)].sort((a, b) => a - b));
    expect(await db.message.count({ where: { clientId: { startsWith: `${tag}batch-` } } })).toBe(40);
  });

  it("splits batches at maxBatch", async () => {
    const writer = newWriter({ maxBatch: 10 });
    await Promise.all(Array.from({ length: 25 }, (_, i) => writer.write({ roomId, authorId, body: "x", clientId: `${tag}split-${i}` })));
    expect(writer.stats()).toEqual({ batches: 3, messages: 25 });
  });

  it("keeps the good messages of a batch when one of them is bad", async () => {
    const writer = newWriter();
    const results = await Promise.allSettled([
      writer.write({ roomId, authorId, body: "good 1", clientId: `${tag}mixed-1` }),
      writer.write({ roomId: "deleted-room", authorId, body: "bad", clientId: `${tag}mixed-2` }),
      writer.write({ roomId, authorId, body: "good 2", clientId: `${tag}mixed-3` }),
      writer.write({ roomId, authorId, body: "good 1 resent", clientId: `${tag}mixed-1` }),
    ]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled", "fulfilled"]);
    // A room deleted after the sender's rights were checked: a sentence, not an internal fault.
    expect((results[1] as PromiseRejectedResult).reason).toMatchObject({
      name: "AppError",
      code: "NOT_FOUND",
      message: expect.stringMatching(/no longer exists.*not sent/),
    });
    const [first, , , resent] = results as [
      PromiseFulfilledResult<{ id: number; body: string }>,
      unknown,
      unknown,
      PromiseFulfilledResult<{ id: number; body: string }>,
    ];
    // A resend answers with the stored original, not a second row, and says so.
    expect(first.value).toMatchObject({ duplicate: false });
    expect(resent.value).toEqual({ ...first.value, duplicate: true });
    expect(await db.message.count({ where: { clientId: { startsWith: `${tag}mixed-` } } })).toBe(2);
  });

  it("answers a resend of an earlier message with the stored row, within a batch of new ones", async () => {
    const writer = newWriter();
    const original = await writer.write({ roomId, authorId, body: "once", clientId: `${tag}resend-1`, kind: "whisper", recipientId: authorId });
    const [again, fresh] = await Promise.all([
      writer.write({ roomId, authorId, body: "once (retry)", clientId: `${tag}resend-1` }),
      writer.write({ roomId, authorId, body: "new", clientId: `${tag}resend-2` }),
    ]);
    expect(original.duplicate).toBe(false);
    expect(fresh.duplicate).toBe(false);
    expect(again).toEqual({ ...original, duplicate: true });
    expect(again).toMatchObject({ body: "once", kind: "whisper", recipientId: authorId });
    expect(again.createdAt).toBeInstanceOf(Date);
    expect(fresh.id).toBeGreaterThan(original.id);
    expect(await db.message.count({ where: { clientId: { startsWith: `${tag}resend-` } } })).toBe(2);
  });

  it("marks all but one of the same clientId written together as duplicates", async () => {
    const writer = newWriter();
    const rows = await Promise.all(Array.from({ length: 5 }, (_, i) => writer.write({ roomId, authorId, body: `twin ${i}`, clientId: `${tag}twin-1` })));
    expect(writer.stats().batches).toBe(1);
    expect(rows.map((r) => r.duplicate)).toEqual([false, true, true, true, true]);
    expect(new Set(rows.map((r) => r.id)).size).toBe(1);
    expect(rows.every((r) => r.body === "twin 0")).toBe(true);
  });

  it("answers a resend of a removed message with its deletedAt", async () => {
    const writer = newWriter();
    const original = await writer.write({ roomId, authorId, body: "rude", clientId: `${tag}removed-1` });
    const deletedAt = new Date();
    await db.message.update({ where: { id: original.id }, data: { deletedAt } });
    const again = await writer.write({ roomId, authorId, body: "rude", clientId: `${tag}removed-1` });
    expect(again).toMatchObject({ id: original.id, duplicate: true, deletedAt });
  });

  it("stores rows that Prisma reads back like its own (dates, defaults)", async () => {
    const writer = newWriter();
    const { duplicate, ...written } = await writer.write({ roomId, authorId, body: "plain", clientId: `${tag}shape-1` });
    expect(duplicate).toBe(false);
    const read = await db.message.findUniqueOrThrow({ where: { id: written.id } });
    expect(read).toMatchObject({ ...written, kind: "text", recipientId: null, deletedAt: null });
    expect(Math.abs(read.createdAt.getTime() - Date.now())).toBeLessThan(60_000);
  });

  it("drain waits for every accepted message", async () => {
    const writer = newWriter();
    let settled = 0;
    for (let i = 0; i < 5; i++) void writer.write({ roomId, authorId, body: "d", clientId: `${tag}drain-${i}` }).then(() => settled++);
    await writer.drain();
    await Promise.resolve();
    expect(settled).toBe(5);
    expect(await db.message.count({ where: { clientId: { startsWith: `${tag}drain-` } } })).toBe(5);
  });
});

describe.runIf(onSqlite)("message writer when its SQLite connection finds the file locked", () => {
  it("stores through Prisma instead of waiting for the lock on the event loop", async () => {
    const locked = Object.assign(new Error("database is locked"), { code: "SQLITE_BUSY" });
    // Another process holding the write lock, as better-sqlite3 reports it with busy_timeout 0.
    const busy = {
      prepare: () => ({
        get: () => {
          throw locked;
        },
      }),
      transaction: <A extends unknown[], R>(run: (...args: A) => R) => run,
      close: () => undefined,
    } as unknown as SqliteConnection;
    const writer = createMessageWriter({ db, sqlite: busy });
    const row = await writer.write({ roomId, authorId, body: "still stored", clientId: "busy-1" });
    expect(await db.message.findUnique({ where: { id: row.id } })).toMatchObject({ body: "still stored", clientId: "busy-1" });
  });
});
