import Database from "better-sqlite3";
import pg from "pg";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { ChatMessage } from "@/lib/shared/types";
import type { RealtimeProcess } from "@/tests/realtime-process";
import { startRealtimeProcess } from "@/tests/realtime-process";
import { providerOfUrl } from "@/lib/server/db/url";
import type { TestDatabase } from "@/tests/socket-harness";
import { call, startTestServer } from "@/tests/socket-harness";
import type { Sender } from "@/tests/durable-senders";
import { newSender, openSocket, streamMessages, unacked } from "@/tests/durable-senders";

const SENDERS = 4;
/** Sends in flight per sender: enough that a kill always lands between commit and ack. */
const WINDOW = 16;
const KILLS = 3;
const MIN_ACKS_BEFORE_KILL = 200;
const ACK_TIMEOUT_MS = 5000;

const problems: string[] = [];
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "parley-kill-"));
const dbFile = path.join(dataDir, "parley.db");
let current: RealtimeProcess | undefined;
/** The suite's database (SQLite file in dataDir, or PostgreSQL), kept across the kills. */
let database: TestDatabase | undefined;

afterAll(async () => {
  await current?.kill();
  await database?.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** Accounts, sessions and a room, made before the first start; sessions live in the database. */
async function setUp(): Promise<{ senders: Sender[]; roomId: string }> {
  const setup = await startTestServer({ dataDir });
  try {
    // Admins are exempt from the message limit and the spam guard: the test is about
    // durability at full speed, not about a flood being refused.
    const people = [];
    for (let i = 0; i < SENDERS; i++) people.push(await setup.person({ role: "admin" }));
    const room = await call<{ id: string }>(people[0]!.client, "room:create", { name: "durable" });
    if (!room.ok) throw new Error(room.error.message);
    for (const p of people.slice(1)) await call(p.client, "room:join", { roomId: room.data.id });
    const senders = await Promise.all(people.map(async ({ user }) => newSender(user, await setup.cookieFor(user))));
    return { senders, roomId: room.data.id };
  } finally {
    database = setup.database;
    await setup.close({ keepDatabase: true });
  }
}

const stream = (url: string, roomId: string, sender: Sender, fresh: boolean) =>
  streamMessages(url, roomId, sender, { more: () => fresh, window: WINDOW, problems, ackTimeoutMs: ACK_TIMEOUT_MS });

type Row = { id: number; authorId: string; clientId: string; body: string };

/** Rows as stored on disk, read after the process is gone (a SQLite open also recovers the WAL). */
async function storedRows(roomId: string): Promise<Row[]> {
  if (database && providerOfUrl(database.url) === "postgresql") {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      return (await client.query<Row>(`SELECT id, "authorId", "clientId", body FROM "Message" WHERE "roomId" = $1 ORDER BY id`, [roomId])).rows;
    } finally {
      await client.end();
    }
  }
  const db = new Database(dbFile);
  try {
    return db.prepare(`SELECT id, authorId, clientId, body FROM Message WHERE roomId = ? ORDER BY id`).all(roomId) as never;
  } finally {
    db.close();
  }
}

async function historyOf(url: string, cookie: string, roomId: string): Promise<ChatMessage[]> {
  const client = await openSocket(url, cookie);
  try {
    await call(client, "room:join", { roomId });
    const all: ChatMessage[] = [];
    for (let before: number | undefined; ; ) {
      const page = await call<{ messages: ChatMessage[]; hasMore: boolean }>(client, "message:history", { roomId, limit: 100, ...(before ? { before } : {}) });
      if (!page.ok) throw new Error(page.error.message);
      all.unshift(...page.data.messages);
      if (!page.data.hasMore || page.data.messages.length === 0) return all;
      before = page.data.messages[0]!.id;
    }
  } finally {
    client.disconnect();
  }
}

describe("kill -9 mid-stream", () => {
  it(`loses no acknowledged message and stores none twice across ${KILLS} SIGKILLs`, { timeout: 90_000 }, async () => {
    const started = Date.now();
    const { senders, roomId } = await setUp();
    const log: string[] = [];

    for (let kill = 1; kill <= KILLS; kill++) {
      current = await startRealtimeProcess(dataDir, { databaseUrl: database?.url });
      const streams = senders.map((s) => stream(current!.url, roomId, s, true));
      const sentBefore = senders.reduce((n, s) => n + s.sent.size, 0);
      // Kill once the stream is flowing (however slow the machine), at a random moment.
      const ackedBefore = senders.reduce((n, s) => n + s.acked.size, 0);
      for (const deadline = Date.now() + 20_000; Date.now() < deadline; ) {
        if (senders.reduce((n, s) => n + s.acked.size, 0) - ackedBefore >= MIN_ACKS_BEFORE_KILL) break;
        await new Promise((r) => setTimeout(r, 10));
      }
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 400));
      const inFlight = senders.reduce((n, s) => n + s.sent.size, 0) - senders.reduce((n, s) => n + s.acked.size, 0);
      await current.kill();
      await Promise.all(streams);
      // What the ack never reached: some of it was committed, the rest never was.
      const pending = unacked(senders);
      const keys = new Set((await storedRows(roomId)).map((r) => `${r.authorId}/${r.clientId}`));
      const committed = pending.filter(([author, id]) => keys.has(`${author}/${id}`)).length;
      log.push(
        `kill ${kill}: ${senders.reduce((n, s) => n + s.sent.size, 0) - sentBefore} new sends, ${inFlight} in flight at the kill, ${pending.length} unacked after it (${committed} of them committed)`,
      );
      expect(inFlight, "the kill must land mid-stream").toBeGreaterThan(0);
    }

    current = await startRealtimeProcess(dataDir, { databaseUrl: database?.url });
    await Promise.all(senders.map((s) => stream(current!.url, roomId, s, false)));
    const history = await historyOf(current.url, senders[0]!.cookie, roomId);
    await current.kill();
    const rows = await storedRows(roomId);

    const sent = senders.reduce((n, s) => n + s.sent.size, 0);
    const acked = senders.reduce((n, s) => n + s.acked.size, 0);
    log.push(`total: ${sent} sent, ${acked} acked, ${rows.length} stored, ${history.length} in history, ${((Date.now() - started) / 1000).toFixed(1)} s`);
    console.info(log.map((l) => `durability: ${l}`).join("\n"));

    expect(problems).toEqual([]);
    expect(unacked(senders)).toEqual([]);
    const byAuthor = new Map(senders.map((s) => [s.user.id, s]));
    for (const [label, list] of [
      ["database", rows.map((r) => ({ id: r.id, authorId: r.authorId, clientId: r.clientId, body: r.body }))],
      ["history", history.map((m) => ({ id: m.id, authorId: m.author.id, clientId: m.clientId, body: m.body }))],
    ] as const) {
      const seen = new Map<string, number>();
      for (const m of list) {
        const key = `${m.authorId}/${m.clientId}`;
        expect(seen.has(key), `${label}: ${key} stored twice`).toBe(false);
        seen.set(key, m.id);
        // Nothing that was never sent: a known author, a clientId it used, the body it sent.
        expect(byAuthor.get(m.authorId)?.sent.get(m.clientId), `${label}: ${key} was never sent`).toBe(m.body);
      }
      for (const s of senders) {
        for (const [clientId, id] of s.acked) expect(seen.get(`${s.user.id}/${clientId}`), `${label}: acked ${clientId} missing`).toBe(id);
      }
      expect(list).toHaveLength(acked);
    }
  });
});
