import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/server/db/client";
import { LOCK_NAMESPACE } from "@/lib/server/db/locks";
import { createMessageWriter } from "@/lib/server/services/message-writer";
import { createMessageService } from "@/lib/server/services/messages";
import { postgresNodes } from "@/tests/postgres-nodes";
import { postgresReachable } from "@/tests/test-database";

/**
 * Catch-up reads "messages after id N". On PostgreSQL ids are drawn at insert and
 * become visible at commit, so several nodes writing into one room must not let a
 * reader see id N+1 before N: it would never come back for N.
 */
let reachable = false;
let cluster: Awaited<ReturnType<typeof postgresNodes>> | null = null;
beforeAll(async () => {
  reachable = await postgresReachable();
  if (reachable) cluster = await postgresNodes(4);
});
afterAll(async () => {
  await cluster?.close();
});

describe("catch-up cursor on PostgreSQL with several nodes writing", () => {
  it("a reader following `since` never skips a message", async (ctx) => {
    if (!cluster) return ctx.skip();
    const [readerDb, ...writerDbs] = cluster.nodes as [Db, ...Db[]];
    const room = await readerDb.room.create({ data: { name: "busy" } });
    const author = await readerDb.user.create({ data: { username: "w", displayName: "W", passwordHash: "x" } });
    // `since` needs nothing but the database.
    const messages = createMessageService({ db: readerDb } as unknown as Parameters<typeof createMessageService>[0]);

    const writers = writerDbs.map((db) => createMessageWriter({ db }));
    const stored: number[] = [];
    let writing = true;
    const write = async () => {
      await Promise.all(
        writers.map(async (writer, node) => {
          for (let round = 0; round < 25; round++) {
            const batch = Array.from({ length: 1 + ((round * 7 + node) % 30) }, (_, i) =>
              writer.write({ roomId: room.id, authorId: author.id, body: "m", clientId: `n${node}-r${round}-${i}` }),
            );
            for (const row of await Promise.all(batch)) stored.push(row.id);
          }
        }),
      );
      writing = false;
    };

    const seen: number[] = [];
    let cursor = 0;
    const follow = async () => {
      while (writing) {
        const page = await messages.since(author.id, room.id, cursor, 10_000);
        for (const m of page.messages) seen.push(m.id);
        cursor = page.messages.at(-1)?.id ?? cursor;
      }
      const last = await messages.since(author.id, room.id, cursor, 10_000);
      for (const m of last.messages) seen.push(m.id);
    };

    await Promise.all([write(), follow()]);
    expect(stored.length).toBeGreaterThan(1000);
    const missed = stored.filter((id) => !seen.includes(id));
    expect(missed, "messages the reader stepped over").toEqual([]);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
  });

  it("draws a message's id only once it holds its room's lock, so a batch waits for another node's in the same room", async (ctx) => {
    if (!cluster) return ctx.skip();
    const [db, other] = cluster.nodes as [Db, Db];
    const room = await db.room.create({ data: { name: "locked" } });
    const author = await db.user.create({ data: { username: "l", displayName: "L", passwordHash: "x" } });
    const writer = createMessageWriter({ db });
    // Another node's batch holds the room's lock: take it the way the writer does.
    let release = () => {};
    const held = new Promise<void>((r) => (release = r));
    let locked = () => {};
    const lockTaken = new Promise<void>((r) => (locked = r));
    const holder = other.$transaction(
      async (tx) => {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(${LOCK_NAMESPACE.roomMessages}::int, hashtext(${room.id}))`;
        locked();
        await held;
      },
      { timeout: 20_000 },
    );
    await lockTaken;
    let done = false;
    const write = writer.write({ roomId: room.id, authorId: author.id, body: "after the lock", clientId: "locked-1" }).then((row) => {
      done = true;
      return row;
    });
    await new Promise((r) => setTimeout(r, 500));
    expect(done, "the insert went ahead while another batch held the room").toBe(false);
    expect(await db.message.count({ where: { roomId: room.id } })).toBe(0);
    release();
    await holder;
    expect((await write).body).toBe("after the lock");
  });
});
