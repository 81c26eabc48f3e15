import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { openDb, type Db } from "@/lib/db/client";
import { applyMigrations } from "@/lib/db/migrate";
import { createMessageWriter } from "@/lib/services/message-writer";

let db: Db;
let roomId: string;
let authorId: string;

beforeAll(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "parley-writer-"));
  const url = `file:${path.join(dir, "parley.db")}`;
  await applyMigrations(url);
  db = await openDb(url);
  roomId = (await db.room.create({ data: { name: "general" } })).id;
  authorId = (await db.user.create({ data: { username: "w", displayName: "W", passwordHash: "x" } })).id;
});
afterAll(async () => {
  await db.$disconnect();
});

describe("message writer (group commit)", () => {
  it("stores messages that arrive together in one statement and settles each after commit", async () => {
    const writer = createMessageWriter({ db });
    const batchSpy = vi.spyOn(db, "$queryRaw");
    const rows = await Promise.all(Array.from({ length: 40 }, (_, i) => writer.write({ roomId, authorId, body: `b${i}`, clientId: `batch-${i}` })));
    expect(batchSpy).toHaveBeenCalledTimes(1);
    expect(rows.map((r) => r.body)).toEqual(Array.from({ length: 40 }, (_, i) => `b${i}`));
    // Ids follow arrival order, so history and catch-up read in send order.
    expect(rows.map((r) => r.id)).toEqual([...rows.map((r) => r.id)].sort((a, b) => a - b));
    expect(await db.message.count({ where: { clientId: { startsWith: "batch-" } } })).toBe(40);
    batchSpy.mockRestore();
  });

  it("splits batches at maxBatch", async () => {
    const writer = createMessageWriter({ db, maxBatch: 10 });
    const batchSpy = vi.spyOn(db, "$queryRaw");
    await Promise.all(Array.from({ length: 25 }, (_, i) => writer.write({ roomId, authorId, body: "x", clientId: `split-${i}` })));
    expect(batchSpy).toHaveBeenCalledTimes(3);
    batchSpy.mockRestore();
  });

  it("keeps the good messages of a batch when one of them is bad", async () => {
    const writer = createMessageWriter({ db });
    const results = await Promise.allSettled([
      writer.write({ roomId, authorId, body: "good 1", clientId: "mixed-1" }),
      writer.write({ roomId: "deleted-room", authorId, body: "bad", clientId: "mixed-2" }),
      writer.write({ roomId, authorId, body: "good 2", clientId: "mixed-3" }),
      writer.write({ roomId, authorId, body: "good 1 resent", clientId: "mixed-1" }),
    ]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled", "fulfilled"]);
    const [first, , , resent] = results as [PromiseFulfilledResult<{ id: number; body: string }>, unknown, unknown, PromiseFulfilledResult<{ id: number; body: string }>];
    // A resend answers with the stored original, not a second row.
    expect(resent.value).toEqual(first.value);
    expect(await db.message.count({ where: { clientId: { startsWith: "mixed-" } } })).toBe(2);
  });

  it("answers a resend of an earlier message with the stored row, within a batch of new ones", async () => {
    const writer = createMessageWriter({ db });
    const original = await writer.write({ roomId, authorId, body: "once", clientId: "resend-1", kind: "whisper", recipientId: authorId });
    const [again, fresh] = await Promise.all([
      writer.write({ roomId, authorId, body: "once (retry)", clientId: "resend-1" }),
      writer.write({ roomId, authorId, body: "new", clientId: "resend-2" }),
    ]);
    expect(again).toEqual(original);
    expect(again).toMatchObject({ body: "once", kind: "whisper", recipientId: authorId });
    expect(again.createdAt).toBeInstanceOf(Date);
    expect(fresh.id).toBeGreaterThan(original.id);
    expect(await db.message.count({ where: { clientId: { startsWith: "resend-" } } })).toBe(2);
  });

  it("stores rows that Prisma reads back like its own (dates, defaults)", async () => {
    const writer = createMessageWriter({ db });
    const written = await writer.write({ roomId, authorId, body: "plain", clientId: "shape-1" });
    const read = await db.message.findUniqueOrThrow({ where: { id: written.id } });
    expect(read).toMatchObject({ ...written, kind: "text", recipientId: null, deletedAt: null });
    expect(Math.abs(read.createdAt.getTime() - Date.now())).toBeLessThan(60_000);
  });

  it("drain waits for every accepted message", async () => {
    const writer = createMessageWriter({ db });
    let settled = 0;
    for (let i = 0; i < 5; i++) void writer.write({ roomId, authorId, body: "d", clientId: `drain-${i}` }).then(() => settled++);
    await writer.drain();
    await Promise.resolve();
    expect(settled).toBe(5);
    expect(await db.message.count({ where: { clientId: { startsWith: "drain-" } } })).toBe(5);
  });
});
