"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import type { ClientSocket } from "@/lib/client/socket";
import { acquireSocket, dropSocket, releaseSocket } from "@/lib/client/socket";
import type { ServerToClientEvents } from "@/lib/shared/events";

export type Connection = "connecting" | "online" | "offline" | "signed-out";

/** Handshake refusals whose sentence says what to do (close a tab, open Parley's own address). */
const REFUSED_CODES = new Set(["FORBIDDEN_ORIGIN", "TOO_MANY_CONNECTIONS", "BANNED"]);

/**
 * The tab's socket and its state. `generation` goes up on every (re)connect, so the
 * caller can catch up. When the server ends the session, the user is signed out and sent to
 * the login page, which repeats the reason.
 */
export function useConnection() {
  const [socket, setSocket] = useState<ClientSocket | null>(null);
  const [connection, setConnection] = useState<Connection>("connecting");
  const [notice, setNotice] = useState<string | null>(null);
  /** Why the server refused this tab's connection, when retrying won't help by itself. */
  const [refusal, setRefusal] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);
  const router = useRouter();
  const ended = useRef(false);

  const endSession = useCallback(
    (reason: string, message: string | null) => {
      ended.current = true;
      setConnection("signed-out");
      setNotice(message);
      dropSocket();
      // No signOut: the server already ended the session, and the login page reads the
      // (now useless) cookie to show the moderator's reason and a ban's end.
      router.replace(`/login?reason=${encodeURIComponent(reason)}`);
    },
    [router],
  );

  useEffect(() => {
    const s = acquireSocket();
    setSocket(s);
    const connected = () => {
      setConnection("online");
      setNotice(null);
      setRefusal(null);
      setGeneration((g) => g + 1);
    };
    const disconnected = (reason: string) => {
      if (ended.current) return;
      setConnection((c) => (c === "signed-out" ? c : "offline"));
      // A server-side disconnect is not retried by Socket.IO; try again, and the
      // handshake tells us if the session is no longer valid.
      if (reason === "io server disconnect") s.connect();
    };
    const refused = (error: Error & { data?: { code?: string } }) => {
      if (error.data?.code === "UNAUTHENTICATED") {
        setConnection("signed-out");
        s.disconnect();
        return;
      }
      setConnection("offline");
      if (error.data?.code && REFUSED_CODES.has(error.data.code)) setRefusal(error.message);
    };
    const shutdown: ServerToClientEvents["server:shutdown"] = ({ message }) => setNotice(message);
    const sessionEnded: ServerToClientEvents["session:ended"] = ({ reason, message }) => endSession(reason, message);

    s.on("connect", connected);
    s.on("disconnect", disconnected);
    s.on("connect_error", refused);
    s.on("server:shutdown", shutdown);
    s.on("session:ended", sessionEnded);
    // A socket kept from another page of this tab is already up.
    if (s.connected) connected();
    return () => {
      s.off("connect", connected);
      s.off("disconnect", disconnected);
      s.off("connect_error", refused);
      s.off("server:shutdown", shutdown);
      s.off("session:ended", sessionEnded);
      releaseSocket(s);
    };
  }, [endSession]);

  /** `/quit` and the Log out button: close this tab's sockets, end the session. */
  const logOut = useCallback(() => {
    ended.current = true;
    dropSocket();
    // next-auth's client is loaded only here: it is not part of the chat's first load.
    void import("next-auth/react").then(({ signOut }) => signOut({ callbackUrl: "/login" }));
  }, []);

  return { socket, connection, generation, notice, refusal, setNotice, logOut };
}
