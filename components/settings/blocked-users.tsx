"use client";

import { useState } from "react";
import { AvatarImage } from "@/components/profile/avatar-image";
import { Button } from "@/components/ui/button";
import type { Outcome } from "@/lib/client/run-command";
import type { PublicUser } from "@/lib/shared/types";

/** Everyone this user blocks, each with an Unblock button. */
export function BlockedUsers({
  users,
  loaded,
  onUnblock,
}: {
  users: PublicUser[];
  loaded: boolean;
  onUnblock: (username: string) => Promise<Outcome<unknown>>;
}) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  async function unblock(user: PublicUser) {
    setBusy(user.id);
    const outcome = await onUnblock(user.username);
    setBusy(null);
    setError(outcome.ok ? null : outcome.error);
  }

  return (
    <section aria-labelledby="blocked-heading" className="flex flex-col gap-3">
      <h2 id="blocked-heading" className="text-lg font-semibold">
        Blocked users
      </h2>
      <p className="text-sm text-muted-foreground">
        People you block can&apos;t send you direct messages or whispers; they are told so when they try. Blocking does not hide room messages. Block someone
        from their card (click their name) or with /block name.
      </p>
      {!loaded ? <p className="text-sm text-muted-foreground">Loading…</p> : null}
      {loaded && users.length === 0 ? <p className="text-sm text-muted-foreground">You haven&apos;t blocked anyone.</p> : null}
      <ul aria-label="Blocked users" className="flex flex-col divide-y divide-border">
        {users.map((user) => (
          <li key={user.id} className="flex items-center gap-3 py-2">
            <AvatarImage user={user} size="sm" decorative />
            <span className="min-w-0 flex-1 truncate">
              {user.displayName} <span className="text-sm text-muted-foreground">@{user.username}</span>
            </span>
            <Button variant="outline" size="sm" disabled={busy === user.id} onClick={() => void unblock(user)} aria-label={`Unblock ${user.displayName}`}>
              Unblock
            </Button>
          </li>
        ))}
      </ul>
      {error ? (
        <p role="alert" className="text-sm text-destructive">
          {error}
        </p>
      ) : null}
    </section>
  );
}
