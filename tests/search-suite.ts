import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/server/db/client";
import { createSearchService } from "@/lib/server/services/search";
import type { SessionUser } from "@/lib/shared/types";

/**
 * The search suite, run on SQLite (search.test.ts) and on PostgreSQL (search.pg.test.ts):
 * the same query language must find the same messages on both engines.
 */
export function searchSuite(name: string, open: () => Promise<{ db: Db; close: () => Promise<void> } | null>) {
  let db: Db | null = null;
  let close: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const opened = await open();
    if (opened) ({ db, close } = opened);
  });
  afterAll(async () => {
    await close?.();
  });

  let n = 0;
  const user = async (username: string): Promise<SessionUser> => {
    const row = await db!.user.create({ data: { username: `${username}${++n}`, displayName: username, passwordHash: "x" } });
    return { id: row.id, username: row.username, displayName: row.displayName, role: "user" };
  };
  const room = async (roomName: string, members: SessionUser[], kind = "public") =>
    db!.room.create({ data: { name: `${roomName}${++n}`, kind, members: { create: members.map((m) => ({ userId: m.id })) } } });
  const post = (roomId: string, author: SessionUser, body: string, extra: { recipientId?: string; createdAt?: Date; mentions?: string } = {}) =>
    db!.message.create({
      data: { roomId, authorId: author.id, body, clientId: `c${++n}`, kind: extra.recipientId ? "whisper" : "text", ...extra },
    });
  const bodies = async (viewer: SessionUser, q: string) => (await createSearchService({ db: db! }).search(viewer, q)).results.map((r) => r.message.body);

  describe(`message search (${name})`, () => {
    it("finds only what the viewer may read", async (ctx) => {
      if (!db) return ctx.skip();
      const [ann, bob, cat] = [await user("ann"), await user("bob"), await user("cat")];
      const lobby = await room("lobby", [ann, bob]);
      const dm = await room("~dm:x", [ann, bob], "dm");
      await post(lobby.id, ann, "zebra in the open");
      await post(lobby.id, ann, "zebra whispered", { recipientId: bob.id });
      await post(dm.id, bob, "zebra in a dm");
      const removed = await post(lobby.id, bob, "zebra removed");
      await db.message.update({ where: { id: removed.id }, data: { deletedAt: new Date(), deletedById: bob.id } });

      expect(await bodies(ann, "zebra")).toEqual(["zebra in a dm", "zebra whispered", "zebra in the open"]);
      expect(await bodies(bob, "zebra")).toEqual(["zebra in a dm", "zebra whispered", "zebra in the open"]);
      // Cat is in neither room; a third member of the lobby still doesn't see the whisper.
      expect(await bodies(cat, "zebra")).toEqual([]);
      await db.roomMember.create({ data: { roomId: lobby.id, userId: cat.id } });
      expect(await bodies(cat, "zebra")).toEqual(["zebra in the open"]);
    });

    it("matches phrases, every word, a prefix of the last word, and quotes operators", async (ctx) => {
      if (!db) return ctx.skip();
      const ann = await user("ann");
      const r = await room("words", [ann]);
      await post(r.id, ann, "release notes for friday");
      await post(r.id, ann, "notes about the release");
      await post(r.id, ann, 'he said "AND" OR NOT near*');
      expect(await bodies(ann, '"release notes"')).toEqual(["release notes for friday"]);
      expect(await bodies(ann, "notes release")).toEqual(["notes about the release", "release notes for friday"]);
      expect(await bodies(ann, "release fri")).toEqual(["release notes for friday"]);
      expect(await bodies(ann, 'AND OR NOT "near*" -')).toEqual(['he said "AND" OR NOT near*']);
      const [hit] = (await createSearchService({ db }).search(ann, '"release notes"')).results;
      expect(hit?.highlights).toEqual([[0, 13]]);
      expect(hit?.terms).toEqual(["release notes"]);
    });

    it("applies each filter, with or without words", async (ctx) => {
      if (!db) return ctx.skip();
      const [ann, bob] = [await user("ann"), await user("bob")];
      const general = await room("general", [ann, bob]);
      const other = await room("other", [ann, bob]);
      await post(general.id, ann, "see https://example.org", { createdAt: new Date("2026-01-10T12:00:00Z") });
      const withFile = await post(general.id, bob, "the file", { createdAt: new Date("2026-01-20T00:00:00Z") });
      await db.attachment.create({
        data: { id: `att${++n}`, uploaderId: bob.id, messageId: withFile.id, kind: "file", name: "a.txt", mime: "text/plain", size: 1, storageKey: "k" },
      });
      await post(other.id, bob, `hi @${ann.username}`, { mentions: JSON.stringify({ userIds: [ann.id] }), createdAt: new Date("2026-02-01T08:00:00Z") });

      expect(await bodies(ann, `from:${bob.username}`)).toEqual([`hi @${ann.username}`, "the file"]);
      expect(await bodies(ann, `in:#${general.name}`)).toEqual(["the file", "see https://example.org"]);
      expect(await bodies(ann, `in:${other.name} from:${ann.username}`)).toEqual([]);
      expect(await bodies(ann, "has:link")).toEqual(["see https://example.org"]);
      expect(await bodies(ann, "has:file")).toEqual(["the file"]);
      expect(await bodies(ann, "mentions:me")).toEqual([`hi @${ann.username}`]);
      expect(await bodies(bob, "mentions:me")).toEqual([]);
      expect(await bodies(ann, "before:2026-01-20")).toEqual(["see https://example.org"]);
      expect(await bodies(ann, "after:2026-01-19")).toEqual([`hi @${ann.username}`, "the file"]);
      expect(await bodies(ann, "after:2026-01-10 before:2026-02-01")).toEqual(["the file"]);
      expect(await bodies(ann, `file from:${bob.username}`)).toEqual(["the file"]);
    });

    it("keeps the index in step with edits and deletions", async (ctx) => {
      if (!db) return ctx.skip();
      const ann = await user("ann");
      const r = await room("edits", [ann]);
      const m = await post(r.id, ann, "original wording");
      expect(await bodies(ann, "original")).toEqual(["original wording"]);
      await db.message.update({ where: { id: m.id }, data: { body: "changed wording" } });
      expect(await bodies(ann, "original")).toEqual([]);
      expect(await bodies(ann, "changed")).toEqual(["changed wording"]);
      await db.message.delete({ where: { id: m.id } });
      expect(await bodies(ann, "wording")).toEqual([]);
    });

    it("pages newest first", async (ctx) => {
      if (!db) return ctx.skip();
      const ann = await user("ann");
      const r = await room("pages", [ann]);
      for (let i = 0; i < 25; i++) await post(r.id, ann, `paged ${i}`);
      const search = createSearchService({ db });
      const first = await search.search(ann, "paged");
      expect(first.results).toHaveLength(20);
      expect(first.hasMore).toBe(true);
      expect(first.results[0]?.message.body).toBe("paged 24");
      const second = await search.search(ann, "paged", { page: 2 });
      expect(second.results.map((x) => x.message.body)).toEqual(["paged 4", "paged 3", "paged 2", "paged 1", "paged 0"]);
      expect(second.hasMore).toBe(false);
      await expect(search.search(ann, "before:2026-99-01")).rejects.toThrow(/YYYY-MM-DD/);
    });
  });
}
