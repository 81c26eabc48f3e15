"use client";

import { useState } from "react";
import { useSWRConfig } from "swr";
import { useSocketEvent } from "@/components/chat/use-socket-event";
import { profileUrl, UserCard } from "@/components/profile/user-card";
import { Button } from "@/components/ui/button";
import type { Outcome } from "@/lib/client/run-command";
import type { ClientSocket } from "@/lib/client/socket";
import type { PublicUser } from "@/lib/shared/types";

/** The one UserCard, in the chat: message them, block or unblock, and (for room owners) kick; follows `user:updated` live. */
export function ChatUserCard(props: {
  user: PublicUser;
  meId: string;
  socket: ClientSocket | null;
  online: boolean;
  blocked: boolean;
  kickFrom: string | null;
  onMessage: () => Promise<Outcome<unknown>>;
  onBlock: () => Promise<Outcome<unknown>>;
  onUnblock: () => Promise<Outcome<unknown>>;
  onKick: () => Promise<Outcome<unknown>>;
}) {
  const { user, meId, blocked, kickFrom } = props;
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const { mutate } = useSWRConfig();
  const me = user.id === meId;

  // The pushed profile is the same shape the card's GET answers: write it into the cache, no refetch.
  useSocketEvent(props.socket, "user:updated", (profile) => {
    if (profile.id === user.id) void mutate(profileUrl(profile.id), { profile }, { revalidate: false });
  });

  const run = (action: () => Promise<Outcome<unknown>>, done?: string) => async () => {
    setBusy(true);
    const outcome = await action();
    setBusy(false);
    setNote(outcome.ok ? (done ? { ok: true, text: done } : null) : { ok: false, text: outcome.error });
  };

  return (
    <UserCard userId={user.id} profile={user} online={props.online}>
      {me ? (
        <p className="text-sm text-muted-foreground">This is you.</p>
      ) : (
        <>
          <div className="flex flex-wrap gap-2">
            <Button size="sm" type="button" disabled={busy} onClick={run(props.onMessage)} aria-label={`Message ${user.displayName}`}>
              Message
            </Button>
            {blocked ? (
              <Button
                variant="outline"
                size="sm"
                type="button"
                disabled={busy}
                onClick={run(props.onUnblock, `You unblocked ${user.displayName}.`)}
                aria-label={`Unblock ${user.displayName}`}
              >
                Unblock
              </Button>
            ) : (
              <Button
                variant="outline"
                size="sm"
                type="button"
                disabled={busy}
                onClick={run(props.onBlock, `You blocked ${user.displayName}.`)}
                aria-label={`Block ${user.displayName}`}
              >
                Block
              </Button>
            )}
            {kickFrom ? (
              <Button
                variant="destructive"
                size="sm"
                type="button"
                disabled={busy}
                onClick={run(props.onKick, `${user.displayName} was removed from ${kickFrom}.`)}
                aria-label={`Kick ${user.displayName} from ${kickFrom}`}
              >
                Kick from {kickFrom}
              </Button>
            ) : null}
          </div>
          <p className="text-xs text-muted-foreground">
            {blocked ? "Blocked: they can't send you direct messages or whispers." : "Blocking stops their direct messages and whispers to you."} Blocking does
            not hide room messages.
          </p>
        </>
      )}
      {note ? (
        <p role={note.ok ? undefined : "alert"} className={`text-sm ${note.ok ? "text-success" : "text-destructive"}`}>
          {note.text}
        </p>
      ) : null}
    </UserCard>
  );
}
