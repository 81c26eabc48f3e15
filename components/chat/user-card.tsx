"use client";

import { useEffect, useState } from "react";
import { AvatarImage } from "@/components/profile/avatar-image";
import { formatDate } from "@/lib/shared/format-time";
import { presenceText } from "@/lib/client/command-output";
import type { Requester } from "@/lib/client/request";
import type { Outcome } from "@/lib/client/run-command";
import type { PublicProfile, PublicUser } from "@/lib/shared/types";
import { Button } from "@/components/ui/button";

/** Someone's public card: message them, block or unblock, and (for room owners) kick. */
export function UserCard(props: {
  user: PublicUser;
  meId: string;
  ask: Requester;
  blocked: boolean;
  kickFrom: string | null;
  onMessage: () => Promise<Outcome<unknown>>;
  onBlock: () => Promise<Outcome<unknown>>;
  onUnblock: () => Promise<Outcome<unknown>>;
  onKick: () => Promise<Outcome<unknown>>;
}) {
  const { user, meId, ask, blocked, kickFrom } = props;
  const [profile, setProfile] = useState<PublicProfile | null>(null);
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const me = user.id === meId;

  useEffect(() => {
    let current = true;
    void ask("user:check", { username: user.username }).then((answer) => {
      if (current && answer.ok) setProfile(answer.data);
    });
    return () => {
      current = false;
    };
  }, [ask, user.username]);

  const run = (action: () => Promise<Outcome<unknown>>, done?: string) => async () => {
    setBusy(true);
    const outcome = await action();
    setBusy(false);
    setNote(outcome.ok ? (done ? { ok: true, text: done } : null) : { ok: false, text: outcome.error });
  };

  return (
    <div className="flex flex-col gap-3">
      <div className="flex min-w-0 items-center gap-3">
        <AvatarImage user={{ ...user, avatarUrl: profile?.avatarUrl ?? user.avatarUrl }} size="lg" decorative />
        <div className="min-w-0">
          <p className="truncate font-semibold" title={user.displayName}>
            {user.displayName}
          </p>
          <p className="truncate text-sm text-muted-foreground" title={`@${user.username}`}>
            @{user.username}
          </p>
        </div>
      </div>
      {profile?.statusLine ? <p className="text-sm italic text-foreground/80 wrap-anywhere">{profile.statusLine}</p> : null}
      {profile ? (
        <p className="text-sm text-muted-foreground">
          {presenceText(profile, Date.now())} · joined {formatDate(profile.joinedAt)}
        </p>
      ) : null}
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
    </div>
  );
}
