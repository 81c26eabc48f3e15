import type { ChatMessage, PublicUser } from "@/lib/types";

/** What the message stream shows: stored messages, the user's pending sends and system lines. */
export type StreamItem =
  | { kind: "message"; key: string; message: ChatMessage }
  | { kind: "pending"; key: string; clientId: string; body: string; author: PublicUser; createdAt: string; error?: string }
  | { kind: "system"; key: string; text: string; createdAt: string };

export interface ChatState {
  items: StreamItem[];
  /** Ids already shown, so a message seen twice (ack + broadcast, catch-up) shows once. */
  seen: Set<number>;
  lastId: number;
  hasMore: boolean;
}

export const emptyChat: ChatState = { items: [], seen: new Set(), lastId: 0, hasMore: false };

export type ChatAction =
  | { type: "reset"; messages: ChatMessage[]; hasMore: boolean }
  | { type: "append"; messages: ChatMessage[] }
  | { type: "prepend"; messages: ChatMessage[]; hasMore: boolean }
  | { type: "pending"; item: Extract<StreamItem, { kind: "pending" }> }
  | { type: "failed"; clientId: string; error: string }
  | { type: "retrying"; clientId: string }
  | { type: "system"; text: string };

let systemSeq = 0;
const asItem = (message: ChatMessage): StreamItem => ({ kind: "message", key: `m${message.id}`, message });

export function chatReducer(state: ChatState, action: ChatAction): ChatState {
  switch (action.type) {
    case "reset": {
      // Keep system lines and unsent messages; replace the stored history.
      const kept = state.items.filter((i) => i.kind !== "message");
      const seen = new Set(action.messages.map((m) => m.id));
      return { items: [...action.messages.map(asItem), ...kept], seen, lastId: action.messages.at(-1)?.id ?? state.lastId, hasMore: action.hasMore };
    }
    case "append": {
      const fresh = action.messages.filter((m) => !state.seen.has(m.id));
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
    case "system":
      return { ...state, items: [...state.items, { kind: "system", key: `s${++systemSeq}`, text: action.text, createdAt: new Date().toISOString() }] };
  }
}
