"use client";

import { BackToChat } from "@/components/ui/back-to-chat";
import type { FormEvent } from "react";
import { useEffect, useState } from "react";
import { ConnectionBanner } from "@/components/chat/connection-banner";
import { Markdown } from "@/components/chat/markdown";
import { useConnection } from "@/components/chat/use-connection";
import type { SecretLine } from "@/components/secret/use-secret-room";
import { useSecretRoom } from "@/components/secret/use-secret-room";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { aliasFrom, SECRET_HELP } from "@/lib/client/secret-commands";
import { importRoomKey } from "@/lib/shared/secret-room-crypto";
import { LockIcon } from "lucide-react";

const HONEST = "The server can't read messages, but you trust the code it sends you; anyone with the link can read.";

function Line({ line }: { line: SecretLine }) {
  if (line.kind === "notice") return <li className="text-sm text-muted-foreground">{line.text}</li>;
  if (line.kind === "undecryptable")
    return (
      <li className="text-sm">
        <span className="font-semibold">{line.from}</span>: <em className="text-destructive">Couldn&apos;t decrypt this message</em>
      </li>
    );
  const label = line.kind === "whisper" ? `${line.from} → ${line.to} (whisper)` : line.from;
  return (
    <li className={line.kind === "whisper" ? "rounded-md bg-accent px-2 py-1" : undefined}>
      <span className="font-semibold">{label}</span>
      <div className="break-words">
        <Markdown body={line.text} mentionNames={[]} meUsername="" />
      </div>
    </li>
  );
}

/** The /s/<roomId> page: the key comes from the fragment and never leaves this browser. */
export function SecretRoom({ roomId, displayName }: { roomId: string; displayName: string }) {
  const conn = useConnection();
  const [key, setKey] = useState<CryptoKey | null>(null);
  const [keyError, setKeyError] = useState<string | null>(null);
  const [aliasDraft, setAliasDraft] = useState(() => aliasFrom(displayName));
  const [text, setText] = useState("");
  const room = useSecretRoom(roomId, key, conn);

  useEffect(() => {
    importRoomKey(window.location.hash).then(setKey, (error: Error) => setKeyError(error.message));
  }, []);

  const joinNow = (event: FormEvent) => {
    event.preventDefault();
    void room.join(aliasDraft);
  };
  const send = async (event: FormEvent) => {
    event.preventDefault();
    if (await room.submit(text)) setText("");
  };
  const { phase } = room;

  return (
    <div className="flex min-h-dvh flex-col">
      <header className="flex flex-wrap items-center gap-2 border-b border-border px-4 py-2">
        <BackToChat />
        <h1 className="flex items-center gap-1 font-semibold">
          <LockIcon aria-hidden="true" className="size-4" />
          Secret room
        </h1>
        {phase.kind === "in" ? (
          <span className="text-sm text-muted-foreground">
            you are {phase.alias}
            {phase.creator ? " (creator)" : ""} · {room.members.length} here
          </span>
        ) : null}
      </header>
      <ConnectionBanner connection={conn.connection} notice={conn.notice} />
      <main className="mx-auto flex w-full max-w-3xl flex-1 flex-col gap-4 px-4 py-4">
        <p className="text-sm text-muted-foreground">{HONEST}</p>
        {keyError ? (
          <p role="alert" className="text-destructive">
            {keyError}
          </p>
        ) : null}
        {phase.kind === "over" ? (
          <p role="status" className="font-medium">
            {phase.message}
          </p>
        ) : null}
        {(phase.kind === "alias" || phase.kind === "joining") && key ? (
          <form onSubmit={joinNow} className="flex flex-col gap-2 sm:flex-row sm:items-end">
            <div className="flex flex-1 flex-col gap-1">
              <Label htmlFor="secret-alias">Your alias in this room</Label>
              <Input
                id="secret-alias"
                value={aliasDraft}
                maxLength={32}
                onChange={(e) => setAliasDraft(e.target.value)}
                aria-invalid={room.error ? true : undefined}
                aria-describedby={room.error ? "secret-join-error" : undefined}
              />
            </div>
            <Button type="submit" disabled={phase.kind === "joining" || conn.connection !== "online"}>
              {phase.kind === "joining" ? "Joining…" : "Join"}
            </Button>
          </form>
        ) : null}
        {room.error ? (
          <p id="secret-join-error" role="alert" className="text-destructive">
            {room.error}
          </p>
        ) : null}
        {phase.kind === "in" ? (
          <>
            <ul aria-label="Secret messages" aria-live="polite" className="flex flex-1 flex-col gap-2">
              {room.lines.map((line) => (
                <Line key={line.id} line={line} />
              ))}
            </ul>
            <form onSubmit={send} className="flex gap-2">
              <Label htmlFor="secret-text" className="sr-only">
                Encrypted message
              </Label>
              <Input
                id="secret-text"
                value={text}
                autoComplete="off"
                placeholder="Message (encrypted) — /purr alias text, /who, /exit"
                title={SECRET_HELP}
                onChange={(e) => setText(e.target.value)}
              />
              <Button type="submit">Send</Button>
            </form>
          </>
        ) : null}
      </main>
    </div>
  );
}
