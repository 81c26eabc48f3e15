"use client";

import { useEffect, useRef, type Dispatch } from "react";
import type { ChatStore, StoreAction } from "@/lib/client/chat-store";
import { nextToSend } from "@/lib/client/outbox";
import type { Requester } from "@/lib/client/request";

/**
 * Puts the user's queued messages on the wire one at a time, oldest first, whenever
 * the socket is up: so what was typed during an outage, or was on the wire when the
 * connection died, goes out by itself once it is back, in order, with its own clientId.
 */
export function useOutbox(store: ChatStore, dispatch: Dispatch<StoreAction>, ask: Requester, online: boolean) {
  /** `clientId#attempt` on the wire: an answer to an older attempt must not unblock the queue. */
  const onWire = useRef<string | null>(null);

  useEffect(() => {
    if (online) return;
    // Nothing sent on the old connection will be answered.
    onWire.current = null;
    dispatch({ type: "connection-lost" });
  }, [online, dispatch]);

  useEffect(() => {
    if (!online || onWire.current) return;
    const next = nextToSend(store);
    if (!next) return;
    const { roomId, item } = next;
    const attempt = item.attempt + 1;
    const token = `${item.clientId}#${attempt}`;
    onWire.current = token;
    dispatch({ type: "stream", roomId, action: { type: "sending", clientId: item.clientId, attempt } });
    void ask("message:send", { roomId, body: item.body, clientId: item.clientId, ...item.options }).then((answer) => {
      if (onWire.current === token) onWire.current = null;
      if (answer.ok) {
        const { delivery, duplicate: _resent, ...message } = answer.data;
        dispatch({ type: "stream", roomId, action: { type: "delivered", message, delivery } });
      } else dispatch({ type: "stream", roomId, action: { type: "failed", clientId: item.clientId, attempt, error: answer.error } });
    });
  }, [store, online, dispatch, ask]);
}
