import type { PendingItem, SendOptions } from "@/lib/client/chat-state";
import type { ChatStore } from "@/lib/client/chat-store";
import type { PublicUser } from "@/lib/types";

let seq = 0;

function newClientId(): string {
  return typeof crypto.randomUUID === "function" ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
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
