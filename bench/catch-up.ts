/**
 * Catch-up after a disconnect in a busy room: admin senders keep #general busy with
 * new messages and with edits, deletions and reactions; readers join, record their
 * cursor (last id, change number), drop off for `awaySeconds`, reconnect and catch up
 * with `room:join { afterId, afterChange }`. Each reader's view is the web client's own
 * state (lib/client/chat-state.ts), fed the way the chat store feeds it. Its view right
 * after the answer is checked against what a reader that stayed connected received
 * live, and every view at the end against `message:history`.
 */
import type { ChatState } from "@/lib/client/chat-state";
import { chatReducer, emptyChat } from "@/lib/client/chat-state";
import type { JoinRoomResult } from "@/lib/shared/events";
import type { ChatMessage } from "@/lib/shared/types";
import type { Client } from "./clients.ts";
import { connectMany, connectOne, emitAck } from "./clients.ts";
import type { RunningServer } from "./server-runner.ts";
import { cpuMeter, percentile, sleep } from "./stats.ts";

export interface CatchUpRun {
  /** Seconds between the disconnect and the reconnect's start. */
  awaySeconds: number;
  afterId: number;
  afterChange: number;
  /** Messages committed after `afterId`, up to the newest one the answer was read with. */
  missedMessages: number;
  /** Changes (edits, deletions, reactions) numbered after `afterChange`, up to the answer's `changeSeq`. */
  missedChanges: number;
  answerMessages: number;
  answerChanged: number;
  /** False: more than the server's catch-up limit was missed; the client replaced its view with the newest page. */
  caughtUp: boolean;
  connectMs: number;
  joinMs: number;
  /** Reconnect start → handshake → catch-up answer applied to the view. */
  totalMs: number;
  /** How the view right after the answer differs from the server's state at the answer (empty: consistent). */
  mismatches: string[];
}

export interface CatchUpResult {
  rate: number;
  changeRate: number;
  awaySeconds: number;
  repetitions: number;
  seconds: number;
  sent: number;
  sendErrors: number;
  changes: number;
  changeErrors: number;
  errorCodes: Record<string, number>;
  sentPerSecond: number;
  changesPerSecond: number;
  runs: CatchUpRun[];
  /** Reconnect start → consistent view (ms), over the runs. */
  roundTrip: { p50: number; p95: number; max: number };
  /** Differences found at the end (load stopped, drained) between each view and `message:history`. */
  finalMismatches: string[];
  generatorCpu: number;
  serverCpu: number;
  otherCpu: number;
}

export interface CatchUpOptions {
  adminCookies: string[];
  readerCookies: string[];
  roomId: string;
  rate: number;
  changeRate: number;
  awaySeconds: number;
  repetitions: number;
  drainSeconds: number;
  tag: string;
  body: string;
  log: (line: string) => void;
}

const SENDERS = 4;
/** Changes go to one of the newest RECENT messages, one in five to any message of the run. */
const RECENT = 50;
const EMOJI = ["👍", "🎉", "😂", "👀", "🚀"];
const MAX_EXAMPLES = 5;

const round1 = (n: number) => Math.round(n * 10) / 10;
const seqOf = (m: ChatMessage) => m.changeSeq ?? 0;

/** JSON with sorted keys: two copies of a message are equal when this is. */
function canon(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

function fieldsDiffering(a: ChatMessage, b: ChatMessage): string {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].filter((k) => canon(a[k as keyof ChatMessage]) !== canon(b[k as keyof ChatMessage])).join(", ");
}

/** A room's stream as the web client keeps it, and the lowest id it claims to hold everything from. */
class View {
  state: ChatState = emptyChat;
  floor = 1;

  /** What chat-store does with a room:join answer. */
  joined(answer: JoinRoomResult, catchUp: boolean): void {
    if (catchUp && answer.caughtUp) {
      this.state = chatReducer(this.state, { type: "append", messages: answer.messages });
      this.state = chatReducer(this.state, { type: "updated", messages: answer.changed ?? [], changeSeq: answer.changeSeq });
    } else {
      this.state = chatReducer(this.state, { type: "reset", messages: answer.messages, hasMore: answer.hasMore, changeSeq: answer.changeSeq });
      this.floor = answer.messages[0]?.id ?? 1;
    }
  }

  /** What use-rooms does with live events: loaded streams take new messages; changes replace newer-numbered copies. */
  listen(socket: Client, roomId: string): void {
    socket.on("message:new", (m: ChatMessage) => {
      if (m.roomId === roomId && this.state.loaded && !this.state.seen.has(m.id)) this.state = chatReducer(this.state, { type: "append", messages: [m] });
    });
    socket.on("message:updated", (m: ChatMessage) => {
      if (m.roomId === roomId) this.state = chatReducer(this.state, { type: "updated", messages: [m] });
    });
  }
}

const messagesOf = (state: ChatState) => new Map(state.items.flatMap((i) => (i.kind === "message" ? [[i.message.id, i.message] as const] : [])));

/** Every version of every message the stayed-connected reader saw, by id and change number. */
class Versions {
  readonly byId = new Map<number, Map<number, ChatMessage>>();
  floor = 1;
  add(m: ChatMessage): void {
    const versions = this.byId.get(m.id) ?? new Map<number, ChatMessage>();
    this.byId.set(m.id, versions);
    versions.set(seqOf(m), m);
  }
  listen(socket: Client, roomId: string): void {
    const record = (m: ChatMessage) => m.roomId === roomId && this.add(m);
    socket.on("message:new", record);
    socket.on("message:updated", record);
  }
}

async function join(socket: Client, payload: Record<string, unknown>): Promise<JoinRoomResult> {
  const ack = await emitAck(socket, "room:join", payload);
  if (!ack.ok) throw new Error(`room:join failed: ${ack.error.code} ${ack.error.message}`);
  return ack.data as JoinRoomResult;
}

/** The busy room: messages at `rate` and changes at `changeRate`, each on a fixed schedule, until stopped. */
function startLoad(senders: Client[], o: CatchUpOptions) {
  const live: number[] = []; // acked and not deleted, oldest first
  const busy = new Set<number>(); // a change in flight: no second one on the same message
  const reacted = new Map<number, Set<string>>();
  const pending = new Set<Promise<void>>();
  const counts = { sent: 0, sendErrors: 0, changes: 0, changeErrors: 0, maxId: 0, maxChange: 0, errorCodes: {} as Record<string, number> };
  const fail = (code: string) => {
    counts.errorCodes[code] = (counts.errorCodes[code] ?? 0) + 1;
  };
  const track = (p: Promise<void>) => {
    pending.add(p);
    void p.finally(() => pending.delete(p));
  };
  let stopped = false;
  let sends = 0;
  let changes = 0;
  const start = performance.now() + 20;

  function send() {
    const n = sends++;
    const sender = senders[n % senders.length]!;
    track(
      emitAck(sender, "message:send", {
        roomId: o.roomId,
        body: `${o.body} ${o.tag}#${n}`,
        clientId: `${o.tag}.${n}.${Math.random().toString(36).slice(2, 8)}`,
      }).then((ack) => {
        if (!ack.ok) {
          counts.sendErrors++;
          fail(ack.error.code);
          return;
        }
        const id = (ack.data as ChatMessage).id;
        counts.sent++;
        counts.maxId = Math.max(counts.maxId, id);
        live.push(id);
      }),
    );
  }

  function target(anywhere: boolean): number | undefined {
    for (let attempt = 0; attempt < 8 && live.length; attempt++) {
      const span = anywhere ? live.length : Math.min(RECENT, live.length);
      const id = live[live.length - 1 - Math.floor(Math.random() * span)]!;
      if (!busy.has(id)) return id;
    }
    return undefined;
  }

  function change() {
    const n = changes++;
    const id = target(n % 5 === 4);
    if (id === undefined) return; // nothing acked yet
    const sender = senders[n % senders.length]!;
    const kind = n % 20;
    let request: Promise<Awaited<ReturnType<typeof emitAck>>>;
    if (kind < 3) {
      live.splice(live.indexOf(id), 1);
      request = emitAck(sender, "message:delete", { roomId: o.roomId, messageId: id });
    } else if (kind < 10) {
      request = emitAck(sender, "message:edit", { roomId: o.roomId, messageId: id, body: `${o.body} ${o.tag} edit ${n}` });
    } else {
      const emoji = EMOJI[Math.floor(Math.random() * EMOJI.length)]!;
      const mine = reacted.get(id) ?? new Set<string>();
      reacted.set(id, mine);
      const add = !mine.has(emoji);
      if (add) mine.add(emoji);
      else mine.delete(emoji);
      request = emitAck(sender, add ? "reaction:add" : "reaction:remove", { roomId: o.roomId, messageId: id, emoji });
    }
    busy.add(id);
    track(
      request.then((ack) => {
        busy.delete(id);
        if (!ack.ok) {
          counts.changeErrors++;
          fail(ack.error.code);
          return;
        }
        counts.changes++;
        counts.maxChange = Math.max(counts.maxChange, seqOf(ack.data as ChatMessage));
      }),
    );
  }

  const done = new Promise<void>((resolve) => {
    const tick = () => {
      if (stopped) return resolve();
      const now = performance.now();
      while (start + (sends * 1000) / o.rate <= now) send();
      while (o.changeRate > 0 && start + (changes * 1000) / o.changeRate <= now) change();
      const next = Math.min(start + (sends * 1000) / o.rate, o.changeRate > 0 ? start + (changes * 1000) / o.changeRate : Number.POSITIVE_INFINITY);
      setTimeout(tick, Math.min(4, Math.max(0, next - now)));
    };
    setTimeout(tick, 20);
  });

  return {
    counts,
    startedAt: start,
    async stop(): Promise<number> {
      stopped = true;
      await done;
      const stoppedAt = performance.now();
      while (pending.size) await Promise.all([...pending]);
      return stoppedAt;
    },
  };
}

/**
 * The view right after a catch-up against the server's state when the answer was read:
 * every message from the view's floor up to the newest the answer holds, each with at
 * least every change numbered up to the answer's `changeSeq`, and equal to the copy the
 * stayed-connected reader got at that change number.
 */
function checkAtAnswer(view: Map<number, ChatMessage>, floor: number, upTo: number, changeSeq: number, truth: Versions): string[] {
  const problems: string[] = [];
  const lo = Math.max(floor, truth.floor);
  for (const [id, versions] of truth.byId) {
    if (id < lo || id > upTo) continue;
    const mine = view.get(id);
    if (!mine) {
      problems.push(`#${id} missing`);
      continue;
    }
    const required = Math.max(...[...versions.keys()].filter((s) => s <= changeSeq), 0);
    const reference = versions.get(seqOf(mine));
    if (seqOf(mine) < required) problems.push(`#${id} stale: has change ${seqOf(mine)}, the answer's change ${changeSeq} includes ${required}`);
    else if (!reference) problems.push(`#${id} has change ${seqOf(mine)}, which the connected reader never received`);
    else if (canon(reference) !== canon(mine)) problems.push(`#${id} at change ${seqOf(mine)} differs in ${fieldsDiffering(reference, mine)}`);
  }
  for (const id of view.keys()) if (id >= lo && id <= upTo && !truth.byId.has(id)) problems.push(`#${id} is not a message the connected reader received`);
  return problems;
}

/** Reads the room's messages from `message:history`, newest first, down to `floor`. */
async function readHistory(socket: Client, roomId: string, floor: number): Promise<Map<number, ChatMessage>> {
  const all = new Map<number, ChatMessage>();
  let before: number | undefined;
  for (;;) {
    const ack = await emitAck(socket, "message:history", { roomId, limit: 100, ...(before ? { before } : {}) });
    if (!ack.ok) throw new Error(`message:history failed: ${ack.error.code} ${ack.error.message}`);
    const page = ack.data as { messages: ChatMessage[]; hasMore: boolean };
    for (const m of page.messages) all.set(m.id, m);
    const first = page.messages[0]?.id;
    if (first === undefined || first <= floor || !page.hasMore) return all;
    before = first;
  }
}

function checkFinal(name: string, view: Map<number, ChatMessage>, floor: number, truth: Map<number, ChatMessage>): string[] {
  const problems: string[] = [];
  for (const [id, m] of truth) {
    if (id < floor) continue;
    const mine = view.get(id);
    if (!mine) problems.push(`${name}: #${id} missing at the end`);
    else if (canon(mine) !== canon(m)) problems.push(`${name}: #${id} differs from message:history in ${fieldsDiffering(m, mine)}`);
  }
  for (const id of view.keys()) if (id >= floor && !truth.has(id)) problems.push(`${name}: #${id} is not in message:history`);
  return problems;
}

export async function measureCatchUp(server: RunningServer, o: CatchUpOptions): Promise<CatchUpResult> {
  const readerCookie = o.readerCookies[0]!;
  const referenceCookie = o.readerCookies[1] ?? readerCookie;
  const senders = await connectMany(server, SENDERS, { cookies: o.adminCookies, roomId: o.roomId });
  const truth = new Versions();
  const reference = new View();
  const referenceSocket = await connectOne(server.url(1), referenceCookie, (socket) => {
    truth.listen(socket, o.roomId);
    reference.listen(socket, o.roomId);
  });
  const first = await join(referenceSocket, { roomId: o.roomId });
  for (const m of first.messages) truth.add(m);
  truth.floor = first.messages[0]?.id ?? 1;
  reference.joined(first, false);

  const views = Array.from({ length: o.repetitions }, () => new View());
  const sockets: Client[] = [];
  for (const view of views) {
    const socket = await connectOne(server.url(2), readerCookie, (s) => view.listen(s, o.roomId));
    view.joined(await join(socket, { roomId: o.roomId }), false);
    sockets.push(socket);
  }

  const meter = cpuMeter(server.pid);
  const load = startLoad(senders, o);
  // Long enough for changes to reach messages the readers hold before they leave.
  const warmUp = Math.min(5, Math.max(1.5, o.awaySeconds / 4));
  // Readers leave one after another, so each reconnect is alone on the server.
  const stagger = o.awaySeconds / o.repetitions;
  const pendingChecks: { run: CatchUpRun; state: ChatState; floor: number; upTo: number }[] = [];

  async function reader(i: number): Promise<CatchUpRun> {
    const view = views[i]!;
    await sleep(warmUp * 1000 + i * stagger * 1000);
    const afterId = view.state.lastId;
    const afterChange = view.state.changeSeq;
    sockets[i]!.disconnect();
    const leftAt = performance.now();
    await sleep(o.awaySeconds * 1000);
    const t0 = performance.now();
    const socket = await connectOne(server.url(2), readerCookie, (s) => view.listen(s, o.roomId));
    sockets[i] = socket;
    const connected = performance.now();
    const answer = await join(socket, { roomId: o.roomId, afterId, afterChange });
    const answered = performance.now();
    view.joined(answer, true);
    const applied = performance.now();
    const upTo = answer.messages.at(-1)?.id ?? afterId;
    const run: CatchUpRun = {
      awaySeconds: round1((t0 - leftAt) / 1000),
      afterId,
      afterChange,
      missedMessages: 0, // counted once the connected reader has everything
      missedChanges: answer.changeSeq - afterChange,
      answerMessages: answer.messages.length,
      answerChanged: answer.changed?.length ?? 0,
      caughtUp: answer.caughtUp,
      connectMs: round1(connected - t0),
      joinMs: round1(answered - connected),
      totalMs: round1(applied - t0),
      mismatches: [],
    };
    pendingChecks.push({ run, state: view.state, floor: view.floor, upTo });
    o.log(
      `  reader ${i + 1}: away ${run.awaySeconds} s, ${answer.caughtUp ? "caught up" : "missed too much: reloaded the newest page"}, answer ${run.answerMessages} new + ${run.answerChanged} changed in ${run.totalMs} ms`,
    );
    return run;
  }

  const runs = await Promise.all(views.map((_, i) => reader(i)));
  await sleep(1000); // the readers back in a room that is still busy
  const stoppedAt = await load.stop();
  const cpu = meter();
  const c = load.counts;
  // Drain: every view has the last message and the last change.
  const everyone = [reference, ...views];
  const deadline = performance.now() + o.drainSeconds * 1000;
  while (performance.now() < deadline && everyone.some((v) => v.state.lastId < c.maxId || v.state.changeSeq < c.maxChange)) await sleep(20);

  for (const { run, state, floor, upTo } of pendingChecks) {
    run.missedMessages = [...truth.byId.keys()].filter((id) => id > run.afterId && id <= upTo).length;
    const problems = checkAtAnswer(messagesOf(state), floor, upTo, run.afterChange + run.missedChanges, truth);
    run.mismatches = problems.slice(0, MAX_EXAMPLES);
    if (problems.length > MAX_EXAMPLES) run.mismatches.push(`… ${problems.length - MAX_EXAMPLES} more`);
  }
  const floors = everyone.map((v) => Math.max(v.floor, truth.floor));
  const history = await readHistory(referenceSocket, o.roomId, Math.min(...floors));
  const finalProblems = everyone.flatMap((v, i) => checkFinal(i === 0 ? "connected reader" : `reader ${i}`, messagesOf(v.state), floors[i]!, history));
  const finalMismatches = finalProblems.slice(0, MAX_EXAMPLES);
  if (finalProblems.length > MAX_EXAMPLES) finalMismatches.push(`… ${finalProblems.length - MAX_EXAMPLES} more`);

  for (const socket of [...senders, referenceSocket, ...sockets]) socket.disconnect();
  const seconds = (stoppedAt - load.startedAt) / 1000;
  const totals = runs.map((r) => r.totalMs);
  return {
    rate: o.rate,
    changeRate: o.changeRate,
    awaySeconds: o.awaySeconds,
    repetitions: o.repetitions,
    seconds: round1(seconds),
    sent: c.sent,
    sendErrors: c.sendErrors,
    changes: c.changes,
    changeErrors: c.changeErrors,
    errorCodes: c.errorCodes,
    sentPerSecond: round1(c.sent / seconds),
    changesPerSecond: round1(c.changes / seconds),
    runs,
    roundTrip: { p50: percentile(totals, 50), p95: percentile(totals, 95), max: Math.max(...totals) },
    finalMismatches,
    generatorCpu: cpu.generatorCpu,
    serverCpu: cpu.serverCpu,
    otherCpu: cpu.otherCpu,
  };
}
