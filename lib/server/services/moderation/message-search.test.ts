import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/server/db/client";
import { messageSearchSchema } from "@/lib/shared/schemas/moderation";
import { searchMessages } from "@/lib/server/services/moderation/message-search";
import { createReportService } from "@/lib/server/services/moderation/reports";
import { createTestDb, insertUser } from "@/tests/test-db";

let db: Db;
let close: () => Promise<void>;
beforeAll(async () => {
  ({ db, close } = await createTestDb());
});
afterAll(async () => {
  await close();
});

let clientId = 0;
const post = (roomId: string, authorId: string, body: string, recipientId?: string) =>
  db.message.create({ data: { roomId, authorId, body, clientId: `c${++clientId}`, kind: recipientId ? "whisper" : "text", recipientId } });
const search = async (text: string) => (await searchMessages(db, messageSearchSchema.parse({ text }))).messages.map((m) => m.body);

describe("console message search", () => {
  it("finds room talk but leaves direct messages and whispers out until someone reports them", async () => {
    const [ann, bob] = [await insertUser(db), await insertUser(db)];
    const room = await db.room.create({ data: { name: "lobby" } });
    const dm = await db.room.create({ data: { name: `~dm:${ann.id}:${bob.id}`, kind: "dm", members: { create: [{ userId: ann.id }, { userId: bob.id }] } } });
    await post(room.id, ann.id, "secret plan in the open room");
    await post(room.id, ann.id, "secret plan whispered", bob.id);
    await post(dm.id, ann.id, "secret plan before");
    const privateOne = await post(dm.id, bob.id, "secret plan in a DM");
    await post(dm.id, ann.id, "secret plan after");

    expect(await search("secret plan")).toEqual(["secret plan in the open room"]);
    // By user, with no text, is no way round it either.
    expect((await searchMessages(db, messageSearchSchema.parse({ username: bob.username }))).messages).toEqual([]);

    const reports = createReportService({ db, isMember: async () => true });
    await reports.create(ann.id, { messageId: privateOne.id, reason: "abuse", note: "" });
    const found = (await searchMessages(db, messageSearchSchema.parse({ text: "secret plan" }))).messages;
    expect(found.map((m) => [m.body, m.room])).toEqual([
      ["secret plan in a DM", "direct message"],
      ["secret plan in the open room", "#lobby"],
    ]);

    // The reports queue shows the reported DM with the conversation around it.
    const item = (await reports.queue()).find((i) => i.messageId === privateOne.id);
    expect(item?.roomName).toBe("direct message");
    expect(item?.context.map((c) => c.body)).toEqual(["secret plan before", "secret plan in a DM", "secret plan after"]);
  });
});
