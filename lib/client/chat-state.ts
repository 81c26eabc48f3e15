import type { ChatMessage, Delivery, PublicUser } from "@/lib/types";

/** How a send was asked for, so a retry repeats it exactly. */
export interface SendOptions {
  kind?: "me";
  whisperTo?: string;
}

/** What a room's stream shows: stored messages, the user's pending sends and local lines. */
export type StreamItem =
  | { kind: "message"; key: string; message: ChatMessage; delivery?: Delivery[] }
  | { kind: "pending"; key: string; clientId: string; body: string; author: PublicUser; createdAt: string; options: SendOptions; error?: string }
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
  | { type: "pending"; item: Extract<StreamItem, { kind: "pending" }> }
  | { type: "failed"; clientId: string; error: string }
  | { type: "retrying"; clientId: string }
  | { type: "system"; text: string; tone?: SystemTone }
  /** A moderator removed a message: it stays in place as "message removed by a moderator". */
  | { type: "removed"; messageId: number };

let systemSeq = 0;
const asItem = (message: ChatMessage): StreamItem => ({ kind: "message", key: `m${message.id}`, message });

function append(state: ChatState, messages: ChatMessage[]): ChatState {
  const fresh = messages.filter((m) => !state.seen.has(m.id));
  if (fresh.length === 0) return state;
  const seen = new Set(state.seen);
  const landed = new Set<string>();
  for (const m of fresh) {
    seen.add(m.id);
    landed.add(m.clientId);
  }
  // A pending send is replaced by its stored copy, wherever it arrives from.
  const items = state.items.filter((i) => !(i.kind === "pending" && landed.has(i.clientId)));
  return { ...state, items: [...items, ...fresh.map(asItem)], seen, lastId: Math.max(state.lastId, ...fresh.map((m) => m.id)) };
}

export function chatReducer(state: ChatState, action: ChatAction): ChatState {
  switch (action.type) {
    case "removed":
      if (!state.seen.has(action.messageId)) return state;
      return {
        ...state,
        items: state.items.map((i) => (i.kind === "message" && i.message.id === action.messageId ? { ...i, message: { ...i.message, body: "", removed: true } } : i)),
      };
    case "reset": {
      // Keep local lines and unsent messages; replace the stored history.
      const kept = state.items.filter((i) => i.kind !== "message");
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
    case "failed":
    case "retrying":
      return {
        ...state,
        items: state.items.map((i) =>
          i.kind === "pending" && i.clientId === action.clientId ? { ...i, error: action.type === "failed" ? action.error : undefined } : i,
        ),
      };
    case "system": {
      const item: StreamItem = { kind: "system", key: `s${++systemSeq}`, text: action.text, createdAt: new Date().toISOString(), tone: action.tone ?? "presence" };
      return { ...state, items: [...state.items, item] };
    }
  }
}
