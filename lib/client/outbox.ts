import type { PendingItem, SendOptions } from "@/lib/client/chat-state";
import type { ChatStore, StoreAction } from "@/lib/client/chat-store";
import type { Ack, SentMessage } from "@/lib/shared/events";
import type { EventPayload } from "@/lib/shared/protocol";
import type { PublicUser } from "@/lib/shared/types";

let seq = 0;

/** randomUUID exists only in secure contexts; a Parley on plain http in a LAN still has getRandomValues. */
function newClientId(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * A message the user just sent, queued. The only place a clientId is made: resends
 * (automatic or Retry) reuse it, so the server stores the message at most once.
 */
export function newPending(body: string, options: SendOptions, author: PublicUser, now = new Date()): PendingItem {
  const clientId = newClientId();
  return { kind: "pending", key: `p${clientId}`, clientId, body, author, createdAt: now.toISOString(), options, seq: ++seq, status: "queued", attempt: 0 };
}

/**
 * The next send to put on the wire: the oldest queued one in any room, and none while
 * one is on the wire, so messages are stored in the order they were sent.
 */
export function nextToSend(store: ChatStore): { roomId: string; item: PendingItem } | null {
  let next: { roomId: string; item: PendingItem } | null = null;
  for (const [roomId, stream] of Object.entries(store.streams)) {
    for (const item of stream.items) {
      if (item.kind !== "pending") continue;
      if (item.status === "sending") return null;
      if (item.status === "queued" && (!next || item.seq < next.item.seq)) next = { roomId, item };
    }
  }
  return next;
}

type Ask = (event: "message:send", payload: EventPayload<"message:send">) => Promise<Ack<SentMessage>>;

/**
 * Puts queued messages on the wire one at a time, oldest first, while online. `pump`
 * is safe to call any time (the hook calls it after every store change; it calls
 * itself after every answer, since an answer may change nothing in the store when the
 * broadcast already delivered the message). Answers to an attempt that was given up
 * when the connection dropped are ignored by the reducer.
 */
export function createOutboxDriver(deps: { store: () => ChatStore; dispatch: (action: StoreAction) => void; ask: Ask }) {
  /** `clientId#attempt` on the wire. */
  let onWire: string | null = null;
  let online = false;

  function pump(): void {
    if (!online || onWire) return;
    const next = nextToSend(deps.store());
    if (!next) return;
    const { roomId, item } = next;
    const attempt = item.attempt + 1;
    const token = `${item.clientId}#${attempt}`;
    onWire = token;
    deps.dispatch({ type: "stream", roomId, action: { type: "sending", clientId: item.clientId, attempt } });
    const { attachmentNames: _shownOnly, ...options } = item.options;
    void deps.ask("message:send", { roomId, body: item.body, clientId: item.clientId, ...options }).then((answer) => {
      if (answer.ok) {
        const { delivery, duplicate: _resent, ...message } = answer.data;
        deps.dispatch({ type: "stream", roomId, action: { type: "delivered", message, delivery } });
      } else deps.dispatch({ type: "stream", roomId, action: { type: "failed", clientId: item.clientId, attempt, error: answer.error } });
      if (onWire !== token) return;
      onWire = null;
      pump();
    });
  }

  return {
    pump,
    setOnline(value: boolean): void {
      if (value === online) return;
      online = value;
      if (value) {
        pump();
        return;
      }
      // Nothing sent on the old connection will be answered.
      onWire = null;
      deps.dispatch({ type: "connection-lost" });
    },
  };
}
