"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { Connection } from "@/components/chat/use-connection";
import { request } from "@/lib/client/request";
import { parseSecretCommand, SECRET_HELP } from "@/lib/client/secret-commands";
import type { ClientSocket } from "@/lib/client/socket";
import type { ServerToClientEvents } from "@/lib/shared/events";
import type { SecretMember } from "@/lib/shared/schemas/secret-rooms";
import type { SecretContext, SecretEnvelope } from "@/lib/shared/secret-room-crypto";
import { decryptMessage, encryptMessage } from "@/lib/shared/secret-room-crypto";

export type SecretLine =
  | { id: number; kind: "message"; from: string; text: string; mine: boolean }
  | { id: number; kind: "whisper"; from: string; to: string; text: string; mine: boolean }
  | { id: number; kind: "undecryptable"; from: string }
  | { id: number; kind: "notice"; text: string };

type NewLine = SecretLine extends infer L ? (L extends SecretLine ? Omit<L, "id"> : never) : never;

export type SecretPhase = { kind: "alias" } | { kind: "joining" } | { kind: "in"; alias: string; creator: boolean } | { kind: "over"; message: string };

const sameAlias = (a: string, b: string) => a.normalize("NFC").toLocaleLowerCase("en") === b.normalize("NFC").toLocaleLowerCase("en");

/** One secret room in this tab: joining, the encrypted conversation, and the commands. */
export function useSecretRoom(roomId: string, key: CryptoKey | null, conn: { socket: ClientSocket | null; generation: number; connection: Connection }) {
  const [phase, setPhase] = useState<SecretPhase>({ kind: "alias" });
  const [lines, setLines] = useState<SecretLine[]>([]);
  const [members, setMembers] = useState<SecretMember[]>([]);
  const [error, setError] = useState<string | null>(null);
  const nextId = useRef(0);
  const alias = useRef<string | null>(null);
  const { socket, generation } = conn;

  const add = useCallback((line: NewLine) => {
    nextId.current += 1;
    setLines((all) => [...all, { ...line, id: nextId.current } as SecretLine]);
  }, []);
  const notice = useCallback((text: string) => add({ kind: "notice", text }), [add]);

  const join = useCallback(
    async (wanted: string) => {
      setError(null);
      setPhase((p) => (p.kind === "in" ? p : { kind: "joining" }));
      const answer = await request(socket, "secret:join", { roomId, alias: wanted });
      if (!answer.ok) {
        setError(answer.error.message);
        setPhase({ kind: "alias" });
        return;
      }
      alias.current = answer.data.alias;
      setMembers(answer.data.members);
      setPhase({ kind: "in", alias: answer.data.alias, creator: answer.data.creator });
    },
    [socket, roomId],
  );

  // Back after a dropped connection: the server let go of this socket, so join again as before.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new connection (generation) should rejoin.
  useEffect(() => {
    if (generation > 1 && alias.current) void join(alias.current);
  }, [generation]);

  useEffect(() => {
    if (!socket || !key) return;
    const open = async (from: string, envelope: SecretEnvelope, context: SecretContext) => {
      try {
        return await decryptMessage(key, envelope, context);
      } catch {
        add({ kind: "undecryptable", from });
        return null;
      }
    };
    const onMessage: ServerToClientEvents["secret:message"] = (data) => {
      if (data.roomId !== roomId) return;
      void open(data.from, data.envelope, { roomId, from: data.from }).then((text) => {
        if (text !== null) add({ kind: "message", from: data.from, text, mine: false });
      });
    };
    const onWhisper: ServerToClientEvents["secret:whisper"] = (data) => {
      if (data.roomId !== roomId) return;
      void open(data.from, data.envelope, { roomId, from: data.from, to: data.to }).then((text) => {
        if (text !== null) add({ kind: "whisper", from: data.from, to: data.to, text, mine: false });
      });
    };
    const onJoined: ServerToClientEvents["secret:joined"] = (data) => {
      if (data.roomId !== roomId) return;
      setMembers((all) => [...all.filter((m) => m.alias !== data.alias), { alias: data.alias, creator: false }]);
      notice(`${data.alias} joined.`);
    };
    const onLeft: ServerToClientEvents["secret:left"] = (data) => {
      if (data.roomId !== roomId) return;
      setMembers((all) => all.filter((m) => m.alias !== data.alias));
      const why = { left: "left the room. Goodbye!", kicked: "was removed by the room's creator.", disconnected: "lost their connection." }[data.reason];
      notice(`${data.alias} ${why}`);
    };
    const over = (data: { roomId: string; message: string }) => {
      if (data.roomId !== roomId) return;
      alias.current = null;
      setLines([]);
      setMembers([]);
      setPhase({ kind: "over", message: data.message });
    };
    socket.on("secret:message", onMessage);
    socket.on("secret:whisper", onWhisper);
    socket.on("secret:joined", onJoined);
    socket.on("secret:left", onLeft);
    socket.on("secret:kicked", over);
    socket.on("secret:ended", over);
    return () => {
      socket.off("secret:message", onMessage);
      socket.off("secret:whisper", onWhisper);
      socket.off("secret:joined", onJoined);
      socket.off("secret:left", onLeft);
      socket.off("secret:kicked", over);
      socket.off("secret:ended", over);
    };
  }, [socket, key, roomId, add, notice]);

  // Leaving the page leaves the room (closing the tab does too, with the socket).
  useEffect(
    () => () => {
      if (alias.current && socket) socket.emit("secret:leave", { roomId }, () => undefined);
    },
    [socket, roomId],
  );

  /** One line from the composer; false when it should stay in the box (it failed). */
  const submit = useCallback(
    async (line: string): Promise<boolean> => {
      const me = alias.current;
      const command = parseSecretCommand(line);
      if (!command || !me || !key) return false;
      const refused = (answer: { ok: true } | { ok: false; error: { message: string } }) => {
        if (!answer.ok) notice(answer.error.message);
        return answer.ok;
      };
      switch (command.kind) {
        case "say": {
          const envelope = await encryptMessage(key, command.text, { roomId, from: me });
          const ok = refused(await request(socket, "secret:send", { roomId, envelope }));
          if (ok) add({ kind: "message", from: me, text: command.text, mine: true });
          return ok;
        }
        case "whisper": {
          const to = members.find((m) => sameAlias(m.alias, command.to))?.alias ?? command.to;
          const envelope = await encryptMessage(key, command.text, { roomId, from: me, to });
          const ok = refused(await request(socket, "secret:whisper", { roomId, to, envelope }));
          if (ok) add({ kind: "whisper", from: me, to, text: command.text, mine: true });
          return ok;
        }
        case "who": {
          const answer = await request(socket, "secret:who", { roomId });
          if (!refused(answer) || !answer.ok) return false;
          setMembers(answer.data.members);
          notice(`Here: ${answer.data.members.map((m) => (m.creator ? `${m.alias} (creator)` : m.alias)).join(", ")}.`);
          return true;
        }
        case "exit": {
          const ok = refused(await request(socket, "secret:leave", { roomId }));
          if (ok) {
            alias.current = null;
            setLines([]);
            setPhase({ kind: "over", message: "You left the secret room. Open its link again to come back." });
          }
          return ok;
        }
        case "kick":
          return refused(await request(socket, "secret:kick", { roomId, alias: command.alias }));
        case "stop":
          return refused(await request(socket, "secret:stop", { roomId }));
        case "help":
          notice(SECRET_HELP);
          return true;
        case "error":
          notice(command.message);
          return false;
      }
    },
    [socket, key, roomId, members, add, notice],
  );

  return { phase, lines, members, error, join, submit };
}
