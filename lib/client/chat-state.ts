import type { ErrorBody, ErrorCode } from "@/lib/shared/errors";
import { isRetryable } from "@/lib/shared/errors";
import type { ChatMessage, Delivery, PublicUser } from "@/lib/shared/types";

/** How a send was asked for, so a retry repeats it exactly. */
export interface SendOptions {
  kind?: "me";
  whisperTo?: string;
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
  /** False until the first room:join answer arrived. */
  loaded: boolean;
}

export const emptyChat: ChatState = { items: [], seen: new Set(), lastId: 0, hasMore: false, loaded: false };

export type ChatAction =
  | { type: "reset"; messages: ChatMessage[]; hasMore: boolean }
  | { type: "append"; messages: ChatMessage[] }
  | { type: "prepend"; messages: ChatMessage[]; hasMore: boolean }
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
  /** A moderator removed a message: it stays in place as "message removed by a moderator". */
  | { type: "removed"; messageId: number };

let systemSeq = 0;
const asItem = (message: ChatMessage): StreamItem => ({ kind: "message", key: `m${message.id}`, message });

/** Pending sends whose stored copy is in `messages` are done, whether or not it was shown already. */
function withoutLanded(items: StreamItem[], messages: ChatMessage[]): StreamItem[] {
  if (!items.some((i) => i.kind === "pending")) return items;
  const landed = new Set(messages.map((m) => m.clientId));
  return items.filter((i) => !(i.kind === "pending" && landed.has(i.clientId)));
}

function append(state: ChatState, messages: ChatMessage[]): ChatState {
  const fresh = messages.filter((m) => !state.seen.has(m.id));
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
    case "removed":
      if (!state.seen.has(action.messageId)) return state;
      return {
        ...state,
        items: state.items.map((i) =>
          i.kind === "message" && i.message.id === action.messageId ? { ...i, message: { ...i.message, body: "", removed: true } } : i,
        ),
      };
    case "reset": {
      // Keep local lines and unsent messages; replace the stored history.
      const kept = withoutLanded(state.items, action.messages).filter((i) => i.kind !== "message");
      const delivery = new Map(state.items.flatMap((i) => (i.kind === "message" && i.delivery ? [[i.message.id, i.delivery] as const] : [])));
      const items = action.messages.map((m) => ({ ...asItem(m), delivery: delivery.get(m.id) }) as StreamItem);
      const seen = new Set(action.messages.map((m) => m.id));
      const lastId = action.messages.at(-1)?.id ?? state.lastId;
      return { items: [...items, ...kept], seen, lastId, hasMore: action.hasMore, loaded: true };
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
      if (!state.items.some(lost)) return state;
      return { ...state, items: state.items.map((i) => (i.kind === "pending" && lost(i) ? requeued(i) : i)) };
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
