"use client";

import type { Dispatch } from "react";
import { useEffect, useState } from "react";
import { useLatest } from "@/components/chat/use-socket-event";
import type { ChatStore, StoreAction } from "@/lib/client/chat-store";
import { createOutboxDriver } from "@/lib/client/outbox";
import type { Requester } from "@/lib/client/request";

/**
 * Sends the user's queued messages whenever the socket is up: what was typed during an
 * outage, or was on the wire when the connection died, goes out by itself once it is
 * back, in order, with its own clientId. The rules live in lib/client/outbox.ts.
 */
export function useOutbox(store: ChatStore, dispatch: Dispatch<StoreAction>, ask: Requester, online: boolean) {
  const storeRef = useLatest(store);
  const askRef = useLatest(ask);
  const [driver] = useState(() => createOutboxDriver({ store: () => storeRef.current, dispatch, ask: (event, payload) => askRef.current(event, payload) }));
  useEffect(() => {
    driver.setOnline(online);
  }, [driver, online]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: every store change may have queued a message to send.
  useEffect(() => {
    driver.pump();
  }, [driver, store]);
}
