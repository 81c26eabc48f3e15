"use client";

import { BackToChat } from "@/components/ui/back-to-chat";
import { useEffect, useRef, useState } from "react";
import { ConnectionBanner } from "@/components/chat/connection-banner";
import { useConnection } from "@/components/chat/use-connection";
import { Button, buttonVariants } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { request } from "@/lib/client/request";
import { exportRoomKey, generateRoomKey } from "@/lib/shared/secret-room-crypto";
import { CheckIcon, CopyIcon } from "lucide-react";

/**
 * A new secret room: the server makes its id, this browser makes its key (WebCrypto),
 * and the link carries the key in its fragment, which no browser sends to a server.
 */
export function NewSecretRoom() {
  const conn = useConnection();
  const [link, setLink] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const started = useRef(false);

  useEffect(() => {
    if (conn.generation === 0 || started.current) return;
    started.current = true;
    void (async () => {
      const created = await request(conn.socket, "secret:create", {});
      if (!created.ok) {
        setError(created.error.message);
        started.current = false;
        return;
      }
      const key = await exportRoomKey(await generateRoomKey());
      setLink(`${window.location.origin}/s/${created.data.roomId}#${key}`);
    })();
  }, [conn.generation, conn.socket]);

  const copy = async () => {
    if (!link) return;
    await navigator.clipboard.writeText(link);
    setCopied(true);
  };

  return (
    <div className="flex min-h-dvh flex-col">
      <header className="flex items-center gap-2 border-b border-border px-4 py-2">
        <BackToChat />
        <h1 className="font-semibold">New secret room</h1>
      </header>
      <ConnectionBanner connection={conn.connection} notice={conn.notice} />
      <main className="mx-auto flex w-full max-w-2xl flex-col gap-4 px-4 py-6">
        {error ? (
          <p role="alert" className="text-destructive">
            {error}
          </p>
        ) : null}
        {link ? (
          <>
            <div className="flex flex-col gap-2">
              <Label htmlFor="secret-link">Secret room link</Label>
              <div className="flex gap-2">
                <Input id="secret-link" readOnly value={link} onFocus={(e) => e.currentTarget.select()} className="font-mono text-sm" />
                <Button onClick={copy} aria-label={copied ? "Link copied" : "Copy link"}>
                  {copied ? <CheckIcon aria-hidden="true" /> : <CopyIcon aria-hidden="true" />}
                  {copied ? "Copied" : "Copy"}
                </Button>
              </div>
            </div>
            <p>Anyone with this link can read this room. Parley&apos;s server never sees the key.</p>
            <p className="text-sm text-muted-foreground">The room ends when its last person leaves, and nothing of it is kept.</p>
            <div>
              <a href={link} className={buttonVariants()}>
                Open the room
              </a>
            </div>
          </>
        ) : error ? null : (
          <p className="text-muted-foreground">Making a room and its key…</p>
        )}
      </main>
    </div>
  );
}
