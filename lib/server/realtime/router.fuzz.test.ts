import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ErrorCode } from "@/lib/shared/errors";
import type { ClientToServerEvents } from "@/lib/shared/events";
import type { Route } from "@/lib/server/realtime/router";
import { routes } from "@/lib/server/realtime/routes";
import type { ChatMessage, SessionUser } from "@/lib/shared/types";
import type { CallShape } from "@/tests/socket-fuzz";
import { anyPayload, argsOf, callShape, frameBytes, nearValid, unknownEventName } from "@/tests/socket-fuzz";
import type { TestClient, TestServer } from "@/tests/socket-harness";
import { call, next, startTestServer } from "@/tests/socket-harness";

/** Calls per fast-check run, sent at once; NUM_RUNS × BATCH is the number of payloads. */
const BATCH = 25;
const NUM_RUNS = 410;
const ACK_TIMEOUT_MS = 5000;
/** Under the server's 32 KB maxHttpBufferSize: a bigger frame closes the connection by design. */
const MAX_FRAME_BYTES = 24 * 1024;
const ERROR_CODES: ReadonlySet<ErrorCode> = new Set([
  "VALIDATION",
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "NOT_FOUND",
  "CONFLICT",
  "RATE_LIMITED",
  "UNAVAILABLE",
  "INTERNAL",
]);

type EventName = keyof ClientToServerEvents;
type Fixtures = { general: string; room: string; messageId: number; victims: SessionUser[]; secretRoom: string };

/**
 * A valid payload per event for the fuzzer `me`, built on real ids. Typed against the
 * protocol: a new client event fails the typecheck here until it has a sample, so it
 * gets fuzzed too. People named are the victims or `me` (self-DMs, self-bans, whispers
 * to oneself), never another fuzzer: the admin may outrank the moderator and ban it.
 */
function validSamples(f: Fixtures, me: SessionUser): { [E in EventName]: fc.Arbitrary<Record<string, unknown>> } {
  const c = fc.constant;
  const person = fc.constantFrom(...f.victims, me);
  const people = fc.uniqueArray(person, { minLength: 1, maxLength: 3, selector: (u) => u.id }).map((list) => list.map((u) => u.username));
  const anyRoom = fc.constantFrom(f.general, f.room);
  const secretRoom = fc.constantFrom(f.secretRoom, "AAAAAAAAAAAAAAAAAAAAAA");
  const alias = fc.constantFrom("fuzz-admin", "fuzz-mod", "fuzz_user", "nobody");
  const envelope = c({ iv: "AAAAAAAAAAAAAAAA", ciphertext: "Zm9vYmFyYmF6cXV4cXV1eHh5eno" });
  return {
    "room:join": fc.oneof(
      anyRoom.map((roomId) => ({ roomId })),
      fc.tuple(anyRoom, fc.nat(1000)).map(([roomId, afterId]) => ({ roomId, afterId })),
      c({ name: "general" }),
      c({ name: "fuzz-target" }),
    ),
    "room:leave": anyRoom.map((roomId) => ({ roomId })),
    "room:create": fc.stringMatching(/^[a-z0-9_-]{2,30}$/).map((name) => ({ name, description: "fuzz", kind: "public", memberLimit: 0 })),
    // Not #general: a member limit or slow mode there would change what the health check sees.
    "room:update": c({ roomId: f.room, description: "updated", memberLimit: 50, slowModeSeconds: 0 }),
    "room:delete": anyRoom.map((roomId) => ({ roomId })),
    "room:kick": fc.tuple(anyRoom, person).map(([roomId, u]) => ({ roomId, username: u.username })),
    "room:list": c({ query: "" }),
    "room:mine": c({}),
    "room:members": anyRoom.map((roomId) => ({ roomId })),
    "room:read": fc.tuple(anyRoom, fc.constantFrom(0, f.messageId)).map(([roomId, lastId]) => ({ roomId, lastId })),
    "dm:open": people.map((usernames) => ({ usernames })),
    "message:send": fc
      .tuple(anyRoom, fc.uuid(), fc.constantFrom("text", "me"), fc.option(person, { nil: undefined }))
      .map(([roomId, clientId, kind, whisper]) => ({
        roomId,
        body: "fuzz says hi @here",
        clientId,
        kind,
        ...(whisper ? { whisperTo: whisper.username } : {}),
      })),
    "message:edit": anyRoom.map((roomId) => ({ roomId, messageId: f.messageId, body: "fuzz edits this" })),
    "message:delete": anyRoom.map((roomId) => ({ roomId, messageId: f.messageId })),
    "message:remove-preview": anyRoom.map((roomId) => ({ roomId, messageId: f.messageId })),
    "reaction:add": fc.tuple(anyRoom, fc.constantFrom("👍", "🎉", "👨‍👩‍👧")).map(([roomId, emoji]) => ({ roomId, messageId: f.messageId, emoji })),
    "reaction:remove": fc.tuple(anyRoom, fc.constantFrom("👍", "🎉")).map(([roomId, emoji]) => ({ roomId, messageId: f.messageId, emoji })),
    "message:history": fc
      .tuple(anyRoom, fc.option(c(f.messageId), { nil: undefined }))
      .map(([roomId, before]) => ({ roomId, limit: 20, ...(before ? { before } : {}) })),
    "presence:list": c({}),
    "typing:start": anyRoom.map((roomId) => ({ roomId })),
    "typing:stop": anyRoom.map((roomId) => ({ roomId })),
    "block:add": people.map((usernames) => ({ usernames })),
    "block:remove": people.map((usernames) => ({ usernames })),
    "block:list": c({}),
    "user:check": person.map((u) => ({ username: u.username })),
    "users:last": c({ minutes: 5 }),
    "users:active": c({ minutes: 5 }),
    "message:report": c({ messageId: f.messageId, reason: "spam", note: "" }),
    "moderation:delete-message": c({ messageId: f.messageId, reason: "fuzz" }),
    "moderation:timeout": person.map((u) => ({ userId: u.id, reason: "fuzz", minutes: 1 })),
    "moderation:ban": fc.tuple(person, fc.boolean()).map(([u, ip]) => ({ userId: u.id, reason: "fuzz", minutes: 1, ip })),
    "moderation:kick": person.map((u) => ({ userId: u.id, reason: "fuzz" })),
    "session:activity": c({}),
    "secret:create": c({}),
    "secret:join": fc.tuple(secretRoom, alias).map(([roomId, name]) => ({ roomId, alias: name })),
    "secret:send": fc.tuple(secretRoom, envelope).map(([roomId, env]) => ({ roomId, envelope: env })),
    "secret:whisper": fc.tuple(secretRoom, alias, envelope).map(([roomId, to, env]) => ({ roomId, to, envelope: env })),
    "secret:who": secretRoom.map((roomId) => ({ roomId })),
    "secret:leave": secretRoom.map((roomId) => ({ roomId })),
    "secret:kick": fc.tuple(secretRoom, alias).map(([roomId, name]) => ({ roomId, alias: name })),
    "secret:stop": secretRoom.map((roomId) => ({ roomId })),
  };
}

interface FuzzCall {
  fuzzer: number;
  event: string | number;
  shape: CallShape;
}

function isAckShape(response: unknown): boolean {
  if (typeof response !== "object" || response === null) return false;
  const r = response as { ok?: unknown; data?: unknown; error?: { code?: unknown; message?: unknown } };
  if (r.ok === true) return "data" in r;
  return r.ok === false && typeof r.error?.message === "string" && r.error.message.length > 0 && ERROR_CODES.has(r.error.code as ErrorCode);
}

let server: TestServer;
let fuzzers: Array<{ user: SessionUser; client: TestClient }>;
let fixtures: Fixtures;
const serverErrors: unknown[] = [];
const unhandled: unknown[] = [];
const onUnhandled = (error: unknown) => unhandled.push(error);

const prototypeKeys = Object.getOwnPropertyNames(Object.prototype);

beforeAll(async () => {
  process.on("unhandledRejection", onUnhandled);
  process.on("uncaughtException", onUnhandled);
  server = await startTestServer();
  // Non-AppErrors are logged and answered INTERNAL: a fuzzed payload must never cause one.
  server.context.logger.error = (message, extra) => serverErrors.push({ message, extra });
  // Staff are exempt from the message limit and the spam guard. The plain user is not:
  // with flood and duplicate thresholds above what the rate limit lets through (30 per
  // 10 s), its messages meet the limiter and the gate instead of an auto-ban that would
  // end the run after five messages.
  const settings = server.context.moderation.settings;
  await settings.update({ ...settings.get(), flood: { messages: 100, windowSeconds: 1 }, duplicate: { count: 50, windowSeconds: 1 } });
  fuzzers = [
    await server.person({ role: "admin", joinGeneral: true }),
    await server.person({ role: "moderator", joinGeneral: true }),
    await server.person({ role: "user", joinGeneral: true }),
  ];
  // Targets that never connect: an IP ban of one is refused (no known address), and a
  // fuzzer naming itself is refused before its address is looked up, so no fuzzed ban
  // can lock 127.0.0.1 — and with it every later test client — out.
  const victims = [await server.createUser(), await server.createUser()];
  const admin = fuzzers[0]!.client;
  const room = await call<{ id: string }>(admin, "room:create", { name: "fuzz-target", kind: "public" });
  const sent = await call<ChatMessage>(admin, "message:send", { roomId: server.roomId, body: "target", clientId: "fuzz-target-0001" });
  const secret = await call<{ roomId: string }>(admin, "secret:create", {});
  if (!room.ok || !sent.ok || !secret.ok) throw new Error("fixtures failed");
  const joined = await call(admin, "secret:join", { roomId: secret.data.roomId, alias: "fuzz-admin" });
  if (!joined.ok) throw new Error("fixtures failed");
  fixtures = { general: server.roomId, room: room.data.id, messageId: sent.data.id, victims, secretRoom: secret.data.roomId };
});

afterAll(async () => {
  process.off("unhandledRejection", onUnhandled);
  process.off("uncaughtException", onUnhandled);
  await server?.close();
});

describe("socket fuzzing", () => {
  // The one frame the fuzzer must not send: socket.io's parser refuses a binary packet
  // whose hand-made placeholder points at no attachment by closing that connection —
  // no ack, by design. Only the sender's connection may go.
  it("closes only the connection that forges a binary placeholder", async () => {
    const forger = await server.person({ joinGeneral: true });
    const bystander = await server.person({ joinGeneral: true });
    const closed = new Promise<string>((resolve) => forger.client.once("disconnect", resolve));
    (forger.client.emit as unknown as (...a: unknown[]) => void)("room:mine", { forged: { _placeholder: true, num: 7 }, real: new Uint8Array([1]) }, () => {});
    expect(await closed).toBe("transport close");
    const ack = await call<ChatMessage>(bystander.client, "message:send", { roomId: server.roomId, body: "unaffected", clientId: "placeholder-0001" });
    expect(ack).toMatchObject({ ok: true, data: { body: "unaffected" } });
  });

  it("fuzzes exactly the events of the routes table", () => {
    expect(Object.keys(validSamples(fixtures, fuzzers[0]!.user)).sort()).toEqual(Object.keys(routes).sort());
  });

  it(`answers ${NUM_RUNS * BATCH} hostile calls with one well-formed ack each and stays healthy`, { timeout: 120_000 }, async () => {
    const events = Object.keys(routes) as EventName[];
    const samples = fuzzers.map(({ user }) => validSamples(fixtures, user));
    const byEvent = events.map((event) =>
      fc.nat(fuzzers.length - 1).chain((fuzzer) => {
        const valid = samples[fuzzer]![event];
        const payload = fc.oneof(
          { weight: 4, arbitrary: nearValid(valid) },
          { weight: 1, arbitrary: valid },
          { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
          { weight: 1, arbitrary: anyPayload },
        );
        return fc.record({ fuzzer: fc.constant(fuzzer), event: fc.constant<string | number>(event), shape: callShape(payload) });
      }),
    );
    const unknownEvent = fc.record({ fuzzer: fc.nat(fuzzers.length - 1), event: unknownEventName, shape: callShape(anyPayload) });
    const oneCall: fc.Arbitrary<FuzzCall> = fc.oneof({ weight: 19, arbitrary: fc.oneof(...byEvent) }, { weight: 1, arbitrary: unknownEvent });

    // The handler a call reached, counted where the dispatcher runs it.
    const reached = new Map<string, number>();
    const table = routes as unknown as Record<string, Route>;
    const originals = new Map(events.map((event) => [event, table[event]!.run]));
    for (const event of events) {
      const run = originals.get(event)!;
      table[event]!.run = (ctx, input) => {
        reached.set(event, (reached.get(event) ?? 0) + 1);
        return run(ctx, input);
      };
    }
    // Every ACK packet that arrives on the wire, so a second answer to one call would show.
    const ackPackets = fuzzers.map(() => new Map<number, number>());
    fuzzers.forEach(({ client }, i) => {
      client.io.on("packet", (packet: { type: number; id?: number }) => {
        if ((packet.type === 3 || packet.type === 6) && packet.id !== undefined) ackPackets[i]!.set(packet.id, (ackPackets[i]!.get(packet.id) ?? 0) + 1);
      });
    });
    const disconnects: string[] = [];
    for (const { client } of fuzzers) client.on("disconnect", (reason) => disconnects.push(reason));
    const tally = { sent: 0, unknown: 0, oversized: 0, withAck: 0, ok: 0, slowestMs: 0, byCode: new Map<string, number>() };

    function send({ fuzzer, event, shape }: FuzzCall): Promise<void> {
      const client = fuzzers[fuzzer]!.client;
      return new Promise<void>((resolve, reject) => {
        let timer: NodeJS.Timeout | undefined;
        const emittedAt = performance.now();
        const ack = (response: unknown) => {
          clearTimeout(timer);
          tally.slowestMs = Math.max(tally.slowestMs, performance.now() - emittedAt);
          if (!isAckShape(response)) return reject(new Error(`${event}: malformed ack ${JSON.stringify(response)?.slice(0, 200)}`));
          const r = response as { ok: boolean; error?: { code: string } };
          if (r.ok) tally.ok++;
          else tally.byCode.set(r.error!.code, (tally.byCode.get(r.error!.code) ?? 0) + 1);
          resolve();
        };
        const { args, expectsAck } = argsOf(shape, ack);
        if (frameBytes(event, args) > MAX_FRAME_BYTES) {
          tally.oversized++;
          return resolve();
        }
        tally.sent++;
        if (!Object.hasOwn(routes, event)) tally.unknown++;
        (client.emit as unknown as (e: string | number, ...a: unknown[]) => void)(event, ...args);
        if (!expectsAck) return resolve();
        tally.withAck++;
        timer = setTimeout(() => reject(new Error(`${event}: no ack within ${ACK_TIMEOUT_MS} ms for ${shape.kind}`)), ACK_TIMEOUT_MS);
      });
    }

    const started = Date.now();
    // No shrinking: the server's state moves on with every call, so a smaller batch
    // replayed later is not the same experiment. Pass the reported seed and path to
    // fc.check to replay a failing run.
    const details = await fc
      .check(
        fc.asyncProperty(fc.array(oneCall, { minLength: BATCH, maxLength: BATCH }), async (batch) => {
          await Promise.all(batch.map(send));
        }),
        { numRuns: NUM_RUNS, endOnFailure: true },
      )
      .finally(() => {
        for (const event of events) table[event]!.run = originals.get(event)!;
      });
    if (details.failed) {
      const sample = JSON.stringify(details.counterexample)?.slice(0, 1500);
      throw new Error(`fuzzing failed (seed ${details.seed}, path ${details.counterexamplePath}): ${String(details.errorInstance)}\nbatch: ${sample}`);
    }
    const seconds = (Date.now() - started) / 1000;
    const handled = [...reached.values()].reduce((a, b) => a + b, 0);
    const pct = (n: number) => `${((100 * n) / tally.sent).toFixed(1)} %`;
    const fewest = [...reached]
      .sort((a, b) => a[1] - b[1])
      .slice(0, 3)
      .map(([e, n]) => `${e} ${n}`);
    console.info(
      `fuzz: ${tally.sent} calls (${tally.oversized} oversized skipped) in ${seconds.toFixed(1)} s; ${tally.withAck} with an ack (slowest ${tally.slowestMs.toFixed(0)} ms): ${tally.ok} ok, ${[...tally.byCode].map(([c, n]) => `${n} ${c}`).join(", ")}\n` +
        `fuzz: ${handled} reached a handler (${pct(handled)}), ${tally.sent - handled - tally.unknown} refused by validation (${pct(tally.sent - handled - tally.unknown)}), ${tally.unknown} unknown events; fewest handled: ${fewest.join(", ")}`,
    );

    expect(tally.sent).toBeGreaterThanOrEqual(10_000);
    expect(unhandled).toEqual([]);
    expect(serverErrors).toEqual([]);
    expect(disconnects).toEqual([]);
    // The server runs in this process: a polluted prototype would show here.
    expect(Object.getOwnPropertyNames(Object.prototype)).toEqual(prototypeKeys);
    const received = ackPackets.flatMap((m) => [...m.values()]);
    expect(received.filter((n) => n !== 1)).toEqual([]);
    expect(received).toHaveLength(tally.withAck);
    // Every event got past validation at least once: the run exercised each handler.
    expect(events.filter((event) => !reached.has(event))).toEqual([]);

    // Still serving: a newcomer connects, joins #general, and is heard.
    const speaker = await server.person({ joinGeneral: true });
    const listener = await server.person({ joinGeneral: true });
    const arrival = next<ChatMessage>(listener.client, "message:new");
    const ack = await call<ChatMessage>(speaker.client, "message:send", { roomId: server.roomId, body: "still here", clientId: "after-fuzz-0001" });
    expect(ack).toMatchObject({ ok: true, data: { body: "still here" } });
    expect(await arrival).toMatchObject({ body: "still here", author: { id: speaker.user.id } });
  });
});
