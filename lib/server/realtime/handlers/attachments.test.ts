import fs from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fileResponse, uploadFromRequest } from "@/lib/server/services/attachments/http";
import { localFilesDir } from "@/lib/server/storage/local-store";
import { isAppError } from "@/lib/shared/errors";
import type { ChatMessage, MessageAttachment, MyRoom, SessionUser } from "@/lib/shared/types";
import { pngHeaderClaiming, solidImage } from "@/tests/image-fixtures";
import type { TestClient, TestServer } from "@/tests/socket-harness";
import { call, next, startTestServer } from "@/tests/socket-harness";

/**
 * Uploads go through the same Request → Response code as POST /api/uploads and
 * GET /api/files/<id> (the route files only add the session); messages through real
 * sockets. On PostgreSQL too, with PARLEY_TEST_DATABASE_URL.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  // The install's first account is its admin, whom the spam rules skip: everyone after is a member.
  await server.createUser();
});
afterAll(async () => {
  await server.close();
});

const MB = 1024 * 1024;
let sequence = 0;
const clientId = () => `att-${Date.now().toString(36)}-${++sequence}`;

function multipart(bytes: Buffer, name: string, type = "application/octet-stream"): Request {
  const form = new FormData();
  form.append("file", new File([new Uint8Array(bytes)], name, { type }));
  return new Request("http://parley.test/api/uploads", { method: "POST", body: form });
}

async function upload(user: SessionUser, bytes: Buffer, name: string, type?: string): Promise<MessageAttachment> {
  return uploadFromRequest(server.context.attachments, user, multipart(bytes, name, type));
}

async function refusal(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!isAppError(error)) throw new Error(`expected a refusal, got ${String(error)}`);
  return { code: error.code, message: error.message };
}

function get(viewer: SessionUser, url: string, headers: Record<string, string> = {}): Promise<Response> {
  const parsed = new URL(url, "http://parley.test");
  const id = parsed.pathname.replace("/api/files/", "");
  return fileResponse(server.context.attachments, viewer.id, id, new Request(parsed, { headers }));
}

async function send(client: TestClient, payload: Record<string, unknown>) {
  return call<ChatMessage>(client, "message:send", { roomId: server.roomId, body: "", clientId: clientId(), ...payload });
}

const storedFiles = () => {
  const dir = localFilesDir(server.dataDir);
  return fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => !f.startsWith(".")) : [];
};

describe("POST /api/uploads", () => {
  it("answers an image named .txt as an image, and an HTML page named .png as a download", async () => {
    const { user } = await server.person({ joinGeneral: true });
    const image = await upload(user, await solidImage("png", 300, 200), "holiday.txt", "text/plain");
    expect(image).toMatchObject({ kind: "image", mime: "image/png", name: "holiday.png", width: 300, height: 200 });
    expect(image.url).toBe(`/api/files/${image.id}`);
    expect(image.thumbUrl).toBe(`/api/files/${image.id}?thumb=1`);

    const shown = await get(user, image.url);
    expect(shown.status).toBe(200);
    expect(shown.headers.get("content-type")).toBe("image/png");
    expect(shown.headers.get("content-disposition")).toMatch(/^inline; filename="holiday.png"/);
    expect(shown.headers.get("x-content-type-options")).toBe("nosniff");
    expect(shown.headers.get("content-security-policy")).toBe("sandbox; default-src 'none'; frame-ancestors 'none'");
    expect(shown.headers.get("cache-control")).toMatch(/^private/);
    expect((await sharp(Buffer.from(await shown.arrayBuffer())).metadata()).format).toBe("png");
    const thumb = await get(user, image.thumbUrl!);
    expect(thumb.headers.get("content-type")).toBe("image/webp");
    expect(await sharp(Buffer.from(await thumb.arrayBuffer())).metadata()).toMatchObject({ format: "webp", width: 300, height: 200 });

    for (const markup of ["<html><body><script>alert(document.cookie)</script></body></html>", '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>']) {
      const file = await upload(user, Buffer.from(markup), "cute cat.png", "image/png");
      expect(file).toMatchObject({ kind: "file", mime: "application/octet-stream", name: "cute cat.png" });
      expect(file.thumbUrl).toBeUndefined();
      const served = await get(user, file.url);
      expect(served.status).toBe(200);
      expect(served.headers.get("content-type")).toBe("application/octet-stream");
      expect(served.headers.get("content-disposition")).toBe(`attachment; filename="cute cat.png"; filename*=UTF-8''cute%20cat.png`);
      expect(served.headers.get("x-content-type-options")).toBe("nosniff");
      expect(served.headers.get("content-security-policy")).toBe("sandbox; default-src 'none'; frame-ancestors 'none'");
      expect(await served.text()).toBe(markup);
      expect((await get(user, `${file.url}?thumb=1`)).status).toBe(404);
    }
  });

  it("refuses a pixel bomb from its header", async () => {
    const { user } = await server.person();
    const refused = await refusal(upload(user, pngHeaderClaiming(30_000, 30_000), "huge.png"));
    expect(refused.message).toContain("huge.png is 30,000×30,000 pixels; images can be at most 16,384 pixels on a side");
  });

  it("holds each file to the console's size limit and each person to the daily quota, with sentences", async () => {
    const { user } = await server.person();
    const settings = server.context.moderation.settings;
    const before = settings.get();
    try {
      await settings.update({ ...before, files: { maxMb: 1, dailyQuotaMb: 2 } });
      expect(await server.context.attachments.limits(user.id)).toEqual({ maxBytes: MB, dailyQuotaBytes: 2 * MB, usedTodayBytes: 0 });
      const big = Buffer.alloc(Math.round(1.5 * MB), 7);
      expect(await refusal(server.context.attachments.upload(user, big, "photo.heic"))).toEqual({
        code: "VALIDATION",
        message: "photo.heic is 1.5 MB; the limit is 1 MB.",
      });
      // Through the route's reader, cut off while streaming (the name is not known yet there).
      expect((await refusal(upload(user, big, "photo.heic"))).message).toBe("That file is over the 1 MB limit. Choose a smaller one.");

      const part = Buffer.alloc(900 * 1024, 1);
      await upload(user, part, "a.bin");
      await upload(user, part, "b.bin");
      expect((await server.context.attachments.limits(user.id)).usedTodayBytes).toBe(1800 * 1024);
      expect(await refusal(upload(user, part, "c.bin"))).toEqual({
        code: "RATE_LIMITED",
        message:
          "c.bin doesn't fit in your daily upload allowance: you have uploaded 1.8 MB of 2 MB in the last 24 hours. Try again later or send a smaller file.",
      });
    } finally {
      await settings.update(before);
    }
  });
});

describe("GET /api/files/<id>: who may see a file", () => {
  it("shows an unsent upload to its uploader only", async () => {
    const ann = await server.person({ joinGeneral: true });
    const bob = await server.person({ joinGeneral: true });
    const file = await upload(ann.user, Buffer.from("draft"), "draft.txt");
    expect((await get(ann.user, file.url)).status).toBe(200);
    const hidden = await get(bob.user, file.url);
    expect(hidden.status).toBe(404);
    expect(hidden.headers.get("x-content-type-options")).toBe("nosniff");
    expect((await get(bob.user, "/api/files/not-an-id")).status).toBe(404);
    expect((await get(bob.user, `/api/files/${"B".repeat(22)}`)).status).toBe(404);
  });

  it("shows a sent file to the room's members, not to people outside a private room", async () => {
    const owner = await server.person({ joinGeneral: true });
    const guest = await server.person({ joinGeneral: true });
    const outsider = await server.person({ joinGeneral: true });
    const room = await call<MyRoom>(owner.client, "room:create", { name: `priv${Date.now().toString(36)}`, kind: "private", password: "letmein123" });
    if (!room.ok) throw new Error(room.error.message);
    const joined = await call(guest.client, "room:join", { roomId: room.data.id, password: "letmein123" });
    expect(joined.ok).toBe(true);

    const file = await upload(owner.user, Buffer.from("minutes"), "minutes.txt");
    const arrival = next<ChatMessage>(guest.client, "message:new");
    const sent = await send(owner.client, { roomId: room.data.id, body: "the minutes", attachments: [file.id] });
    if (!sent.ok) throw new Error(sent.error.message);
    expect(sent.data.attachments).toEqual([file]);
    expect((await arrival).attachments).toEqual([file]);

    expect((await get(guest.user, file.url)).status).toBe(200);
    expect((await get(outsider.user, file.url)).status).toBe(404);
    // History carries the files too.
    const history = await call<{ messages: ChatMessage[] }>(guest.client, "message:history", { roomId: room.data.id });
    expect(history.ok && history.data.messages.find((m) => m.id === sent.data.id)?.attachments).toEqual([file]);
  });

  it("keeps DM files to the DM's members and whisper files to the whisper's two people", async () => {
    const amy = await server.person({ joinGeneral: true });
    const ben = await server.person({ joinGeneral: true });
    const cat = await server.person({ joinGeneral: true });

    const dm = await call<MyRoom>(amy.client, "dm:open", { usernames: [ben.user.username] });
    if (!dm.ok) throw new Error(dm.error.message);
    const dmFile = await upload(amy.user, await solidImage("jpeg", 64, 64), "us.jpg");
    const inDm = await send(amy.client, { roomId: dm.data.id, attachments: [dmFile.id] });
    if (!inDm.ok) throw new Error(inDm.error.message);
    expect((await get(ben.user, dmFile.url)).status).toBe(200);
    expect((await get(ben.user, dmFile.thumbUrl!)).status).toBe(200);
    expect((await get(cat.user, dmFile.url)).status).toBe(404);
    expect((await get(cat.user, dmFile.thumbUrl!)).status).toBe(404);

    const secret = await upload(amy.user, Buffer.from("psst"), "psst.txt");
    const whisper = await send(amy.client, { body: "for you", whisperTo: ben.user.username, attachments: [secret.id] });
    if (!whisper.ok) throw new Error(whisper.error.message);
    expect((await get(ben.user, secret.url)).status).toBe(200);
    expect((await get(amy.user, secret.url)).status).toBe(200);
    expect((await get(cat.user, secret.url)).status).toBe(404);
  });
});

describe("message:send with files", () => {
  it("claims only the sender's own unsent uploads, once; a resend with the same clientId is the same message", async () => {
    const ann = await server.person({ joinGeneral: true });
    const bob = await server.person({ joinGeneral: true });
    const annFile = await upload(ann.user, Buffer.from("ann's"), "ann.txt");

    const stolen = await send(bob.client, { attachments: [annFile.id] });
    expect(stolen).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });

    const id = clientId();
    const first = await send(ann.client, { clientId: id, attachments: [annFile.id] });
    if (!first.ok) throw new Error(first.error.message);
    const again = await send(ann.client, { clientId: id, attachments: [annFile.id] });
    expect(again).toMatchObject({ ok: true, data: { id: first.data.id, duplicate: true, attachments: [annFile] } });

    const twice = await send(ann.client, { body: "once more", attachments: [annFile.id] });
    expect(twice).toMatchObject({ ok: false, error: { code: "CONFLICT", message: expect.stringContaining("already sent") } });
    expect(await server.context.db.attachment.findUnique({ where: { id: annFile.id }, select: { messageId: true } })).toEqual({ messageId: first.data.id });
  });

  it("stores nothing when one of the files can't be claimed, and keeps files in the order given", async () => {
    const ann = await server.person({ joinGeneral: true });
    const files = await Promise.all(["one", "two", "three"].map((n) => upload(ann.user, Buffer.from(n), `${n}.txt`)));
    const ordered = [files[2]!, files[0]!, files[1]!];
    const id = clientId();
    const bad = await send(ann.client, { clientId: id, attachments: [...ordered.map((f) => f.id), "Z".repeat(22)] });
    expect(bad.ok).toBe(false);
    expect(await server.context.db.message.count({ where: { clientId: id } })).toBe(0);
    const good = await send(ann.client, { attachments: ordered.map((f) => f.id) });
    expect(good.ok && good.data.attachments?.map((f) => f.name)).toEqual(["three.txt", "one.txt", "two.txt"]);
  });

  it("counts caption-less messages as repeats only when they carry the same files", async () => {
    const ann = await server.person({ joinGeneral: true });
    for (let i = 0; i < 4; i++) {
      const file = await upload(ann.user, Buffer.from(`page ${i}`), `page${i}.txt`);
      expect(await send(ann.client, { attachments: [file.id] })).toMatchObject({ ok: true });
    }
  });

  it("claims atomically when two messages race for one upload: exactly one gets it", async () => {
    const ann = await server.person({ joinGeneral: true });
    const file = await upload(ann.user, Buffer.from("contested"), "contested.txt");
    // Both pass the early check; the writer's claim decides (possibly within one batch).
    const [a, b] = await Promise.all([
      send(ann.client, { body: "first", attachments: [file.id] }),
      send(ann.client, { body: "second", attachments: [file.id] }),
    ]);
    expect([a.ok, b.ok].filter(Boolean)).toHaveLength(1);
    const stored = await server.context.db.message.findMany({ where: { authorId: ann.user.id, body: { in: ["first", "second"] } } });
    expect(stored).toHaveLength(1);
  });
});

describe("deleting", () => {
  it("deletes the files with the author's delete and with a moderator's removal: rows, bytes and access", async () => {
    const ann = await server.person({ joinGeneral: true });
    const mod = await server.person({ joinGeneral: true, role: "moderator" });
    for (const how of ["author", "moderator"] as const) {
      const file = await upload(ann.user, await solidImage("png", 80, 60), `${how}.png`);
      const sent = await send(ann.client, { body: `by ${how}`, attachments: [file.id] });
      if (!sent.ok) throw new Error(sent.error.message);
      const keys = await server.context.db.attachment.findUniqueOrThrow({ where: { id: file.id }, select: { storageKey: true, thumbKey: true } });
      expect(storedFiles()).toEqual(expect.arrayContaining([keys.storageKey, keys.thumbKey]));

      if (how === "author") {
        const deleted = await call<ChatMessage>(ann.client, "message:delete", { roomId: server.roomId, messageId: sent.data.id });
        expect(deleted.ok && deleted.data.attachments).toBeUndefined();
      } else {
        await server.context.moderation.actions.deleteMessage(mod.user, { messageId: sent.data.id, reason: "spam" });
      }
      expect(await server.context.db.attachment.count({ where: { id: file.id } })).toBe(0);
      expect(storedFiles()).not.toContain(keys.storageKey);
      expect(storedFiles()).not.toContain(keys.thumbKey);
      expect((await get(ann.user, file.url)).status).toBe(404);
      const read = await server.context.messages.read(sent.data.id);
      expect(read?.attachments).toBeUndefined();
    }
  });

  it("purges uploads never sent after a day (and only those), on any number of nodes at once", async () => {
    const ann = await server.person({ joinGeneral: true });
    const old = await upload(ann.user, Buffer.from("old"), "old.txt");
    const fresh = await upload(ann.user, Buffer.from("fresh"), "fresh.txt");
    const sentOld = await upload(ann.user, Buffer.from("sent"), "sent.txt");
    const sent = await send(ann.client, { attachments: [sentOld.id] });
    expect(sent.ok).toBe(true);
    const dayAgo = new Date(Date.now() - 25 * 60 * 60 * 1000);
    await server.context.db.attachment.updateMany({ where: { id: { in: [old.id, sentOld.id] } }, data: { createdAt: dayAgo } });
    const oldKey = (await server.context.db.attachment.findUniqueOrThrow({ where: { id: old.id } })).storageKey;

    // Two nodes sweeping together purge it once between them.
    const counts = await Promise.all([server.context.attachments.purgeUnclaimed(), server.context.attachments.purgeUnclaimed()]);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(1);
    const left = await server.context.db.attachment.findMany({ where: { id: { in: [old.id, fresh.id, sentOld.id] } }, select: { id: true } });
    expect(left.map((r) => r.id).sort()).toEqual([fresh.id, sentOld.id].sort());
    expect(storedFiles()).not.toContain(oldKey);
    expect(fs.existsSync(path.join(localFilesDir(server.dataDir), fresh.id))).toBe(true);

    // Files left on a deleted message (its node died before deleting them) go too.
    const leftover = await upload(ann.user, Buffer.from("leftover"), "leftover.txt");
    const removed = await send(ann.client, { attachments: [leftover.id] });
    if (!removed.ok) throw new Error(removed.error.message);
    await server.context.db.message.update({ where: { id: removed.data.id }, data: { deletedAt: new Date() } });
    expect(await server.context.attachments.purgeUnclaimed()).toBe(1);
    expect(await server.context.db.attachment.count({ where: { id: leftover.id } })).toBe(0);
    expect(fs.existsSync(path.join(localFilesDir(server.dataDir), leftover.id))).toBe(false);
  });
});
