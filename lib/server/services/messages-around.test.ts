import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/server/db/client";
import { AROUND_PAGE_SIZE, createMessageService } from "@/lib/server/services/messages";
import { historySchema } from "@/lib/shared/schemas/message";
import { createTestDb, insertUser } from "@/tests/test-db";

let db: Db;
let close: () => Promise<void>;
beforeAll(async () => {
  ({ db, close } = await createTestDb());
});
afterAll(async () => {
  await close();
});

describe("history around a message (jump to a search result)", () => {
  it("returns the message with its neighbours either side, and says whether there is more", async () => {
    const [ann, bob, cat] = [await insertUser(db), await insertUser(db), await insertUser(db)];
    const room = await db.room.create({ data: { name: "around" } });
    const ids: number[] = [];
    for (let i = 0; i < 60; i++) {
      const m = await db.message.create({ data: { roomId: room.id, authorId: ann.id, body: `m${i}`, clientId: `a${i}` } });
      ids.push(m.id);
    }
    // A whisper between bob and cat, beside the target: ann never sees it.
    await db.message.create({ data: { roomId: room.id, authorId: bob.id, recipientId: cat.id, kind: "whisper", body: "psst", clientId: "w" } });
    // history reads only the database.
    const messages = createMessageService({ db } as unknown as Parameters<typeof createMessageService>[0]);

    const middle = await messages.history(ann.id, historySchema.parse({ roomId: room.id, around: ids[30] }));
    expect(middle.messages.map((m) => m.body)).toEqual(Array.from({ length: 51 }, (_, i) => `m${i + 30 - AROUND_PAGE_SIZE}`));
    expect(middle).toMatchObject({ hasMore: true, hasNewer: true });

    const last = await messages.history(ann.id, historySchema.parse({ roomId: room.id, around: ids[59] }));
    expect(last.messages.at(-1)?.body).toBe("m59");
    expect(last.messages).toHaveLength(AROUND_PAGE_SIZE + 1);
    expect(last).toMatchObject({ hasMore: true, hasNewer: false });

    const first = await messages.history(ann.id, historySchema.parse({ roomId: room.id, around: ids[2] }));
    expect(first.messages[0]?.body).toBe("m0");
    expect(first).toMatchObject({ hasMore: false, hasNewer: true });
  });
});
