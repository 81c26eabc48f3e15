import Database from "better-sqlite3";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChatMessage } from "@/lib/shared/types";
import type { TestServer } from "@/tests/socket-harness";
import { call, collect, next, sleep, startTestServer } from "@/tests/socket-harness";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

const joined = (name?: string) => server.person({ name, joinGeneral: true });

describe("authentication", () => {
  it("refuses a socket without a session cookie with a clear reason", async () => {
    await expect(server.connectAs({ cookie: "" })).rejects.toMatchObject({
      message: "Please sign in to chat.",
      data: { code: "UNAUTHENTICATED" },
    });
  });

  it("refuses a forged session cookie", async () => {
    await expect(server.connectAs({ cookie: "next-auth.session-token=not-a-real-token" })).rejects.toMatchObject({
      data: { code: "UNAUTHENTICATED" },
    });
  });
});

describe("message:send", () => {
  it("delivers a message to everyone in the room with the sender's identity from the session", async () => {
    const a = await joined();
    const b = await joined();
    const arrival = next<ChatMessage>(b.client, "message:new");
    const ack = await call<ChatMessage>(a.client, "message:send", {
      roomId: server.roomId,
      body: "  hello there  ",
      clientId: "client-id-0001",
      authorId: b.user.id,
      author: { id: b.user.id, displayName: "spoofed" },
    });
    expect(ack).toMatchObject({ ok: true, data: { body: "hello there", author: { id: a.user.id, displayName: a.user.displayName } } });
    const received = await arrival;
    expect(received).toMatchObject({ body: "hello there", author: { id: a.user.id } });
  });

  // Needs a synchronous reader between the ack and anything else: SQLite's file. On
  // PostgreSQL the writer's promise settles after its transaction's COMMIT returns.
  it.runIf(!process.env.PARLEY_TEST_DATABASE_URL?.startsWith("postgres"))("acks only after the message is committed", async () => {
    const a = await joined();
    const file = path.join(server.dataDir, "parley.db");
    const reader = new Database(file, { readonly: true });
    try {
      const stored = await new Promise<unknown>((resolve) => {
        a.client.emit("message:send", { roomId: server.roomId, body: "durable", clientId: "durable-0001" }, (ack) => {
          // Read synchronously inside the ack: nothing can commit in between.
          resolve(ack.ok ? reader.prepare("SELECT body FROM Message WHERE id = ?").get(ack.data.id) : ack);
        });
      });
      expect(stored).toEqual({ body: "durable" });
    } finally {
      reader.close();
    }
  });

  it("stores a resend with the same clientId once", async () => {
    const a = await joined();
    const payload = { roomId: server.roomId, body: "once", clientId: "resend-0001" };
    const [first, second] = await Promise.all([call<ChatMessage>(a.client, "message:send", payload), call<ChatMessage>(a.client, "message:send", payload)]);
    const third = await call<ChatMessage>(a.client, "message:send", payload);
    expect(first.ok && second.ok && third.ok).toBe(true);
    const ids = [first, second, third].map((r) => (r.ok ? r.data.id : 0));
    expect(new Set(ids).size).toBe(1);
    expect(await server.context.db.message.count({ where: { clientId: "resend-0001" } })).toBe(1);
  });

  it("sends uploads with or without a caption, and refuses more than 10 files or an id that is no upload", async () => {
    const a = await joined();
    const b = await joined();
    for (const body of ["", "look at this"]) {
      const file = await server.context.attachments.upload(a.user, Buffer.from(`notes ${body}`), "notes.txt");
      const arrival = next<ChatMessage>(b.client, "message:new");
      const answer = await call<ChatMessage>(a.client, "message:send", {
        roomId: server.roomId,
        body,
        clientId: `files-000${body.length}`,
        attachments: [file.id],
      });
      expect(answer.ok).toBe(true);
      expect((await arrival).attachments).toEqual([file]);
      expect((await arrival).body).toBe(body);
    }
    const unknown = await call(a.client, "message:send", { roomId: server.roomId, body: "", clientId: "files-0098", attachments: ["A".repeat(22)] });
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) expect(unknown.error.message).toContain("not one you uploaded");
    expect(await server.context.db.message.count({ where: { clientId: "files-0098" } })).toBe(0);
    const tooMany = await call(a.client, "message:send", {
      roomId: server.roomId,
      body: "",
      clientId: "files-0099",
      attachments: Array.from({ length: 11 }, (_, i) => `${i}`.padStart(22, "A")),
    });
    expect(tooMany.ok).toBe(false);
    if (!tooMany.ok) expect(tooMany.error.message).toContain("at most 10 files");
  });

  it("answers bad payloads with error acks and keeps serving", async () => {
    const a = await joined();
    const bad: Array<[unknown, string]> = [
      [null, "VALIDATION"],
      ["just a string", "VALIDATION"],
      [{ roomId: server.roomId, clientId: "bad-00001" }, "VALIDATION"],
      [{ roomId: server.roomId, body: 42, clientId: "bad-00002" }, "VALIDATION"],
      [{ roomId: server.roomId, body: "   ", clientId: "bad-00003" }, "VALIDATION"],
      [{ roomId: server.roomId, body: "x".repeat(2001), clientId: "bad-00004" }, "VALIDATION"],
      [{ roomId: server.roomId, body: "hi" }, "VALIDATION"],
      [{ roomId: "no-such-room", body: "hi", clientId: "bad-00005" }, "FORBIDDEN"],
    ];
    for (const [payload, code] of bad) {
      const ack = await call(a.client, "message:send", payload);
      expect(ack.ok, JSON.stringify(payload)?.slice(0, 80)).toBe(false);
      if (!ack.ok) {
        expect(ack.error.code).toBe(code);
        expect(ack.error.message).toMatch(/\w+ .+/);
      }
    }
    const tooLong = await call(a.client, "message:send", { roomId: server.roomId, body: "x".repeat(2001), clientId: "bad-00006" });
    expect(tooLong).toMatchObject({ ok: false, error: { message: "Message is too long (max 2000 characters)" } });
    const empty = await call(a.client, "message:send", { roomId: server.roomId, body: " \n ", clientId: "bad-00007" });
    expect(empty).toMatchObject({ ok: false, error: { message: "Message can't be empty" } });

    const unknown = await call(a.client, "admin:nuke", {});
    expect(unknown).toMatchObject({ ok: false, error: { code: "VALIDATION", message: 'Unknown event "admin:nuke".' } });

    // Without an ack the failure still reaches the client as a sentence.
    const errorEvent = next<{ event: string; error: { message: string } }>(a.client, "error:event");
    (a.client.emit as unknown as (e: string, p: unknown) => void)("message:send", { roomId: server.roomId, body: "" });
    expect(await errorEvent).toMatchObject({ event: "message:send", error: { code: "VALIDATION" } });

    const exactly2000 = await call(a.client, "message:send", { roomId: server.roomId, body: "é".repeat(2000), clientId: "ok-000001" });
    expect(exactly2000.ok).toBe(true);
    expect(await server.context.db.message.count({ where: { clientId: { startsWith: "bad-" } } })).toBe(0);
  });

  it("refuses to send into or read a room the user is not a member of", async () => {
    const owner = await joined();
    const created = await call<{ id: string }>(owner.client, "room:create", { name: "members-only", kind: "private", password: "pw-123456" });
    if (!created.ok) throw new Error("create failed");
    const outsider = await joined();
    const ack = await call(outsider.client, "message:send", { roomId: created.data.id, body: "sneaky", clientId: "notjoined-1" });
    expect(ack).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    const history = await call(outsider.client, "message:history", { roomId: created.data.id });
    expect(history).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
  });
});

describe("history", () => {
  it("pages backwards 50 at a time until the beginning, and catches up after a reconnect", async () => {
    const fresh = await startTestServer();
    try {
      const user = await fresh.createUser();
      const client = await fresh.connectAs(user);
      await call(client, "room:join", { roomId: fresh.roomId });
      for (let i = 1; i <= 120; i++) {
        const ack = await call(client, "message:send", { roomId: fresh.roomId, body: `m${i}`, clientId: `paging-${i}-xx` });
        expect(ack.ok).toBe(true);
      }
      const first = await call<{ messages: ChatMessage[]; hasMore: boolean }>(client, "room:join", { roomId: fresh.roomId });
      if (!first.ok) throw new Error("join failed");
      expect(first.data.messages.map((m) => m.body)).toEqual(Array.from({ length: 50 }, (_, i) => `m${i + 71}`));
      expect(first.data.hasMore).toBe(true);

      const second = await call<{ messages: ChatMessage[]; hasMore: boolean }>(client, "message:history", {
        roomId: fresh.roomId,
        before: first.data.messages[0]!.id,
      });
      if (!second.ok) throw new Error("history failed");
      expect(second.data.messages.map((m) => m.body)).toEqual(Array.from({ length: 50 }, (_, i) => `m${i + 21}`));
      expect(second.data.hasMore).toBe(true);

      const third = await call<{ messages: ChatMessage[]; hasMore: boolean }>(client, "message:history", {
        roomId: fresh.roomId,
        before: second.data.messages[0]!.id,
      });
      if (!third.ok) throw new Error("history failed");
      expect(third.data.messages.map((m) => m.body)).toEqual(Array.from({ length: 20 }, (_, i) => `m${i + 1}`));
      expect(third.data.hasMore).toBe(false);

      // A client that had up to m100 reconnects: it gets m101..m120 and nothing else.
      const m100 = first.data.messages.find((m) => m.body === "m100")!;
      const other = await fresh.connectAs(user);
      const caughtUp = await call<{ messages: ChatMessage[]; caughtUp: boolean }>(other, "room:join", { roomId: fresh.roomId, afterId: m100.id });
      if (!caughtUp.ok) throw new Error("join failed");
      expect(caughtUp.data.caughtUp).toBe(true);
      expect(caughtUp.data.messages.map((m) => m.body)).toEqual(Array.from({ length: 20 }, (_, i) => `m${i + 101}`));

      const bad = await call(client, "message:history", { roomId: fresh.roomId, before: "yesterday" });
      expect(bad).toMatchObject({ ok: false, error: { code: "VALIDATION" } });
    } finally {
      await fresh.close();
    }
  });
});

describe("typing", () => {
  it("relays typing to others in the room, not to the typist, at most once a second", async () => {
    const a = await joined();
    const b = await joined();
    const own = collect(a.client, "typing:update");
    const seenByB = collect<{ user: { id: string }; typing: boolean }>(b.client, "typing:update");
    a.client.emit("typing:start", { roomId: server.roomId });
    a.client.emit("typing:start", { roomId: server.roomId });
    await sleep(200);
    a.client.emit("typing:stop", { roomId: server.roomId });
    await sleep(200);
    const fromA = seenByB.seen.filter((t) => t.user.id === a.user.id);
    expect(fromA.map((t) => t.typing)).toEqual([true, false]);
    expect(own.seen.filter((t) => (t as { user: { id: string } }).user.id === a.user.id)).toEqual([]);
    own.stop();
    seenByB.stop();
  });
});

describe("server stability", () => {
  it("survives a burst of garbage and still delivers", async () => {
    const a = await joined();
    const b = await joined();
    const emitAny = a.client.emit as unknown as (...args: unknown[]) => void;
    for (const junk of [undefined, 0, [], { roomId: {} }, { roomId: "x".repeat(10_000) }, { body: { toString: 1 } }]) {
      emitAny.call(a.client, "message:send", junk);
      emitAny.call(a.client, "room:join", junk);
      emitAny.call(a.client, "message:history", junk);
      emitAny.call(a.client, "typing:start", junk);
      emitAny.call(a.client, "presence:list", junk);
    }
    const arrival = next<ChatMessage>(b.client, "message:new");
    const ack = await call(a.client, "message:send", { roomId: server.roomId, body: "still alive", clientId: "alive-0001" });
    expect(ack.ok).toBe(true);
    expect((await arrival).body).toBe("still alive");
  });
});
