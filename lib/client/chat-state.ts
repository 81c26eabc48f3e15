import type { ErrorBody, ErrorCode } from "@/lib/shared/errors";
import { isRetryable } from "@/lib/shared/errors";
import { excerpt } from "@/lib/shared/schemas/limits";
import type { ChatMessage, Delivery, PublicUser } from "@/lib/shared/types";

/** How a send was asked for, so a retry repeats it exactly. */
export interface SendOptions {
  kind?: "me";
  whisperTo?: string;
  /** The message this one answers. */
  replyTo?: number;
  /** Uploads (POST /api/uploads) sent with it, in order: every resend carries them again. */
  attachments?: string[];
  /** Their names, for the pending message to show until it is stored; never sent. */
  attachmentNames?: string[];
}

/**
 * A message the user sent that is not stored yet: `queued` waits its turn (or for the
 * connection), `sending` is on the wire as `attempt`, `failed` got a refusal. Its
 * clientId is chosen once, when the user sends it; every resend repeats it.
 */
export interface PendingItem {
  kind: "pending";
  key: string;
  clientId: string;
  body: string;
  author: PublicUser;
  createdAt: string;
  options: SendOptions;
  /** Send order across all rooms: the outbox sends the lowest first. */
  seq: number;
  status: "queued" | "sending" | "failed";
  attempt: number;
  error?: string;
  code?: ErrorCode;
  /** False for refusals a resend can't change (filtered, blocked, banned, invalid). */
  retryable?: boolean;
}

/** What a room's stream shows: stored messages, the user's pending sends and local lines. */
export type StreamItem =
  | { kind: "message"; key: string; message: ChatMessage; delivery?: Delivery[] }
  | PendingItem
  /** Presence lines and command output: never stored, seen only by this tab. */
  | { kind: "system"; key: string; text: string; createdAt: string; tone: SystemTone };

export type SystemTone = "presence" | "output" | "error";

export interface ChatState {
  items: StreamItem[];
  /** Ids already shown, so a message seen twice (ack + broadcast, catch-up) shows once. */
  seen: Set<number>;
  lastId: number;
  hasMore: boolean;
  /**
   * The stream is a window into older history (a jump from search): newer messages than
   * `lastId` exist but are not loaded. Live messages wait until the reader scrolls down
   * to them ("append-newer"), so the stream never has a gap.
   */
  hasNewer?: boolean;
  /** False until the first room:join answer arrived. */
  loaded: boolean;
  /** The room's newest change number this stream has: a catch-up asks for changes after it. */
  changeSeq: number;
  /**
   * Where the stream stood when the connection dropped. The next catch-up starts here,
   * not at `lastId`: after a reconnect, live messages arrive before the catch-up answer
   * and would move `lastId` past everything missed meanwhile.
   */
  resume?: { afterId: number; afterChange: number };
}

export const emptyChat: ChatState = { items: [], seen: new Set(), lastId: 0, hasMore: false, loaded: false, changeSeq: 0 };

export type ChatAction =
  | { type: "reset"; messages: ChatMessage[]; hasMore: boolean; changeSeq?: number }
  | { type: "append"; messages: ChatMessage[] }
  | { type: "prepend"; messages: ChatMessage[]; hasMore: boolean }
  /** History around one message (message:history `around`) replaces the stored history. */
  | { type: "window"; messages: ChatMessage[]; hasMore: boolean; hasNewer: boolean }
  /** The next newer page of a window (or a catch-up's tail, `hasNewer: false`): goes after the last message. */
  | { type: "append-newer"; messages: ChatMessage[]; hasNewer: boolean }
  /** The sender's ack: the stored message and, for direct messages, who got it. */
  | { type: "delivered"; message: ChatMessage; delivery?: Delivery[] }
  | { type: "pending"; item: PendingItem }
  | { type: "sending"; clientId: string; attempt: number }
  /** The answer to `attempt`; ignored if the item has moved on since (resent, stored). */
  | { type: "failed"; clientId: string; attempt: number; error: ErrorBody }
  /** The user's Retry: back in the queue, if a retry can help. */
  | { type: "retry"; clientId: string }
  /** The connection dropped: what was on the wire or got no answer goes out again. */
  | { type: "connection-lost" }
  | { type: "system"; text: string; tone?: SystemTone }
  /**
   * A stored message changed (message:updated, or a catch-up's `changed`): it is
   * replaced where it stands if this copy is newer. `changeSeq`: the room's change
   * number the stream has now seen (a catch-up's answer).
   */
  | { type: "updated"; messages: ChatMessage[]; changeSeq?: number }
  /** A catch-up from `resume` was applied: the stream is whole again. */
  | { type: "caught-up" };

let systemSeq = 0;
const asItem = (message: ChatMessage): StreamItem => ({ kind: "message", key: `m${message.id}`, message });

/** Pending sends whose stored copy is in `messages` are done, whether or not it was shown already. */
function withoutLanded(items: StreamItem[], messages: ChatMessage[]): StreamItem[] {
  if (!items.some((i) => i.kind === "pending")) return items;
  const landed = new Set(messages.map((m) => m.clientId));
  return items.filter((i) => !(i.kind === "pending" && landed.has(i.clientId)));
}

function append(state: ChatState, messages: ChatMessage[]): ChatState {
  // A window into older history takes only what fits inside it; newer ones come with the next page.
  const fresh = messages.filter((m) => !state.seen.has(m.id) && !(state.hasNewer && m.id > state.lastId));
  const items = withoutLanded(state.items, messages);
  if (fresh.length === 0) return items.length === state.items.length ? state : { ...state, items };
  const seen = new Set(state.seen);
  for (const m of fresh) seen.add(m.id);
  const lastId = Math.max(state.lastId, ...fresh.map((m) => m.id));
  // Usually newer than everything shown. One that arrives late (sent again after the node
  // that stored it died) goes where its id puts it, before the first newer message.
  if (fresh.every((m) => m.id > state.lastId)) return { ...state, items: [...items, ...fresh.map(asItem)], seen, lastId };
  let merged = items;
  for (const m of [...fresh].sort((a, b) => a.id - b.id)) {
    const at = merged.findIndex((i) => i.kind === "message" && i.message.id > m.id);
    merged = at < 0 ? [...merged, asItem(m)] : [...merged.slice(0, at), asItem(m), ...merged.slice(at)];
  }
  return { ...state, items: merged, seen, lastId };
}

/** A reply's quote as its parent reads now (cut as the server cuts it). */
function quoteOf(parent: ChatMessage): NonNullable<ChatMessage["replyTo"]> {
  if (parent.removed) return { id: parent.id, author: parent.author, excerpt: "", removed: true };
  return { id: parent.id, author: parent.author, excerpt: excerpt(parent.body) };
}

function updated(state: ChatState, messages: ChatMessage[], changeSeq?: number): ChatState {
  const byId = new Map<number, ChatMessage>();
  let seq = Math.max(state.changeSeq, changeSeq ?? 0);
  for (const m of messages) {
    seq = Math.max(seq, m.changeSeq ?? 0);
    if (state.seen.has(m.id)) byId.set(m.id, m);
  }
  if (byId.size === 0) return seq === state.changeSeq ? state : { ...state, changeSeq: seq };
  const items = state.items.map((i) => {
    if (i.kind !== "message") return i;
    const next = byId.get(i.message.id);
    // Changes cross the network out of order (an ack, a broadcast, a catch-up): the highest number wins.
    if (next && (next.changeSeq ?? 0) >= (i.message.changeSeq ?? 0)) return { ...i, message: next };
    const parent = i.message.replyTo ? byId.get(i.message.replyTo.id) : undefined;
    return parent ? { ...i, message: { ...i.message, replyTo: quoteOf(parent) } } : i;
  });
  return { ...state, items, changeSeq: seq };
}

function updatePending(state: ChatState, clientId: string, change: (item: PendingItem) => PendingItem): ChatState {
  let changed = false;
  const items = state.items.map((i) => {
    if (i.kind !== "pending" || i.clientId !== clientId) return i;
    const next = change(i);
    changed ||= next !== i;
    return next;
  });
  return changed ? { ...state, items } : state;
}

const requeued = (i: PendingItem): PendingItem => ({ ...i, status: "queued", error: undefined, code: undefined, retryable: undefined });

export function chatReducer(state: ChatState, action: ChatAction): ChatState {
  switch (action.type) {
    case "updated":
      return updated(state, action.messages, action.changeSeq);
    case "caught-up":
      return state.resume ? { ...state, resume: undefined } : state;
    case "window": {
      // Local lines and unsent messages stay; live messages that came after this window wait for the newer pages.
      const kept = state.items.filter((i) => i.kind !== "message");
      const last = action.messages.at(-1)?.id ?? 0;
      return {
        ...state,
        items: [...action.messages.map(asItem), ...kept],
        seen: new Set(action.messages.map((m) => m.id)),
        lastId: last,
        hasMore: action.hasMore,
        hasNewer: action.hasNewer,
        loaded: true,
        resume: undefined,
      };
    }
    case "append-newer": {
      const next = append(state.hasNewer ? { ...state, hasNewer: false } : state, action.messages);
      return (next.hasNewer ?? false) === action.hasNewer ? next : { ...next, hasNewer: action.hasNewer };
    }
    case "reset": {
      // Keep local lines and unsent messages; replace the stored history.
      const kept = withoutLanded(state.items, action.messages).filter((i) => i.kind !== "message");
      const delivery = new Map(state.items.flatMap((i) => (i.kind === "message" && i.delivery ? [[i.message.id, i.delivery] as const] : [])));
      const items = action.messages.map((m) => ({ ...asItem(m), delivery: delivery.get(m.id) }) as StreamItem);
      // Messages that arrived live while the page was on its way are newer than it: they stay.
      const newest = action.messages.at(-1)?.id;
      const later = newest === undefined ? [] : state.items.filter((i) => i.kind === "message" && i.message.id > newest);
      const seen = new Set([...action.messages.map((m) => m.id), ...later.flatMap((i) => (i.kind === "message" ? [i.message.id] : []))]);
      const lastId = Math.max(action.messages.at(-1)?.id ?? state.lastId, ...later.flatMap((i) => (i.kind === "message" ? [i.message.id] : [])));
      return {
        items: [...items, ...later, ...kept],
        seen,
        lastId,
        hasMore: action.hasMore,
        loaded: true,
        changeSeq: action.changeSeq ?? state.changeSeq,
        resume: undefined,
      };
    }
    case "append":
      return append(state, action.messages);
    case "delivered": {
      const next = append(state, [action.message]);
      if (!action.delivery) return next;
      return { ...next, items: next.items.map((i) => (i.kind === "message" && i.message.id === action.message.id ? { ...i, delivery: action.delivery } : i)) };
    }
    case "prepend": {
      const older = action.messages.filter((m) => !state.seen.has(m.id));
      const seen = new Set(state.seen);
      for (const m of older) seen.add(m.id);
      return { ...state, items: [...older.map(asItem), ...state.items], seen, hasMore: action.hasMore };
    }
    case "pending":
      return { ...state, items: [...state.items, action.item] };
    case "sending":
      return updatePending(state, action.clientId, (i) => ({ ...requeued(i), status: "sending", attempt: action.attempt }));
    case "failed":
      return updatePending(state, action.clientId, (i) =>
        i.status === "sending" && i.attempt === action.attempt
          ? { ...i, status: "failed", error: action.error.message, code: action.error.code, retryable: isRetryable(action.error.code) }
          : i,
      );
    case "retry":
      return updatePending(state, action.clientId, (i) => (i.status === "failed" && i.retryable ? requeued(i) : i));
    case "connection-lost": {
      const lost = (i: StreamItem) => i.kind === "pending" && (i.status === "sending" || (i.status === "failed" && i.code === "UNAVAILABLE"));
      const marked = state.loaded && !state.resume ? { ...state, resume: { afterId: state.lastId, afterChange: state.changeSeq } } : state;
      if (!marked.items.some(lost)) return marked;
      return { ...marked, items: marked.items.map((i) => (i.kind === "pending" && lost(i) ? requeued(i) : i)) };
    }
    case "system": {
      const item: StreamItem = {
        kind: "system",
        key: `s${++systemSeq}`,
        text: action.text,
        createdAt: new Date().toISOString(),
        tone: action.tone ?? "presence",
      };
      // One error line per conversation: a new failure replaces the last one instead of piling up in red.
      const kept = item.tone === "error" ? state.items.filter((i) => !(i.kind === "system" && i.tone === "error")) : state.items;
      return { ...state, items: [...kept, item] };
    }
  }
}
