import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { createMessageWriter } from "@/lib/services/message-writer";
import { createMessageService } from "@/lib/services/messages";
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
});
