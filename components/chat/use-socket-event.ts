"use client";

import { useEffect, useLayoutEffect, useRef } from "react";
import type { ClientSocket } from "@/lib/client/socket";
import type { ServerToClientEvents } from "@/lib/shared/events";

/** Subscribes while mounted, always calling the latest handler; every `on` has its `off`. */
export function useSocketEvent<E extends keyof ServerToClientEvents>(socket: ClientSocket | null, event: E, handler: ServerToClientEvents[E]) {
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  });
  useEffect(() => {
    if (!socket) return;
    const listener = ((...args: Parameters<ServerToClientEvents[E]>) => (latest.current as (...a: unknown[]) => void)(...args)) as never;
    socket.on(event, listener);
    return () => {
      socket.off(event, listener);
    };
  }, [socket, event]);
}

/** A value readable from callbacks without re-creating them; updated as the render commits. */
export function useLatest<T>(value: T) {
  const ref = useRef(value);
  useLayoutEffect(() => {
    ref.current = value;
  });
  return ref;
}
