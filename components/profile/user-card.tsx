"use client";

import { useEffect, useId, useState, type ReactNode } from "react";
import { AvatarImage } from "@/components/profile/avatar-image";
import { Dialog, DialogContent } from "@/components/ui/dialog";
import { formatDate, formatDateTime, timeAgo } from "@/lib/format-time";
import { fetchPublicProfile } from "@/components/profile/profile-requests";
import type { PublicProfile } from "@/lib/schemas/profile";
import type { PublicUser } from "@/lib/types";

export interface UserCardProps {
  /** Whose card; defaults to `profile.id`. */
  userId?: string;
  /**
   * What the caller already knows, shown at once. A full PublicProfile with no
   * `userId` is shown as-is; otherwise GET /api/users/[id] fills in the rest,
   * and again whenever this changes (pass the copy `user:updated` refreshed).
   */
  profile?: PublicProfile | PublicUser;
  /** From presence; the card can't know it. Undefined hides the online line when there is no last-seen time. */
  online?: boolean;
  /** Action buttons (Message, Block, …) shown under the details. */
  children?: ReactNode;
  /** Id for the display name heading, so a dialog can be labelled by it. */
  headingId?: string;
}

function isFullProfile(p: PublicProfile | PublicUser | undefined): p is PublicProfile {
  return !!p && "joinedAt" in p;
}

function definedFields<T extends object>(value: T | undefined): Partial<T> {
  return value ? (Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>) : {};
}

type Loaded = { key: string; profile: PublicProfile } | { key: string; error: string };

/** Someone's public profile: avatar, names, status, joined and online / last seen. */
export function UserCard({ userId, profile, online, children, headingId }: UserCardProps) {
  const id = userId ?? profile?.id ?? "";
  const shouldFetch = !!id && (!!userId || !isFullProfile(profile));
  // Changes when the caller's copy changes, so a live rename or new avatar refetches.
  const key = `${id}|${profile?.displayName ?? ""}|${profile?.avatarUrl ?? ""}|${isFullProfile(profile) ? profile.statusLine : ""}`;
  const [loaded, setLoaded] = useState<Loaded | null>(null);

  useEffect(() => {
    if (!shouldFetch) return;
    const controller = new AbortController();
    void fetchPublicProfile(id, controller.signal).then((result) => {
      if (!controller.signal.aborted) setLoaded(result.ok ? { key, profile: result.data } : { key, error: result.error.message });
    });
    return () => controller.abort();
  }, [id, key, shouldFetch]);

  const fetched = loaded && "profile" in loaded && loaded.profile.id === id ? loaded.profile : null;
  // Until the refetch answers, the caller's newer copy wins over the older answer.
  const shown: (PublicUser & Partial<PublicProfile>) | null =
    fetched && loaded?.key === key ? fetched : fetched || profile ? { ...fetched, ...definedFields(profile) } as PublicUser & Partial<PublicProfile> : null;
  const error = loaded && "error" in loaded && loaded.key === key ? loaded.error : null;

  if (!shown) {
    return error ? (
      <p role="alert" className="text-sm text-destructive">
        {error}
      </p>
    ) : (
      <p role="status" className="text-sm text-muted-foreground">
        Loading profile…
      </p>
    );
  }

  return (
    <div className="flex flex-col gap-3">
      <div className="flex min-w-0 items-center gap-3">
        <AvatarImage user={shown} size="lg" />
        <div className="min-w-0">
          <h2 id={headingId} className="truncate text-lg font-semibold" title={shown.displayName}>
            {shown.displayName}
          </h2>
          <p className="truncate text-sm text-muted-foreground" title={`@${shown.username}`}>
            @{shown.username}
          </p>
        </div>
      </div>
      {shown.statusLine ? <p className="text-sm wrap-anywhere">{shown.statusLine}</p> : null}
      <Presence online={online} lastSeenAt={shown.lastSeenAt ?? null} />
      {shown.joinedAt ? (
        <p className="text-sm text-muted-foreground">
          Joined <time dateTime={shown.joinedAt}>{formatDate(shown.joinedAt)}</time>
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="text-sm text-destructive">
          {error}
        </p>
      ) : null}
      {children ? <div className="flex flex-wrap gap-2">{children}</div> : null}
    </div>
  );
}

/** "Online now", "Last seen 5 minutes ago" or "Not seen yet"; nothing when neither is known. */
function Presence({ online, lastSeenAt }: { online: boolean | undefined; lastSeenAt: string | null }) {
  if (online) {
    return (
      <p className="flex items-center gap-1.5 text-sm">
        <span aria-hidden="true" className="h-2 w-2 rounded-full bg-success" />
        Online now
      </p>
    );
  }
  if (lastSeenAt) {
    return (
      <p className="text-sm text-muted-foreground">
        Last seen{" "}
        <time dateTime={lastSeenAt} title={formatDateTime(lastSeenAt)}>
          {timeAgo(lastSeenAt)}
        </time>
      </p>
    );
  }
  return online === false ? <p className="text-sm text-muted-foreground">Not seen yet</p> : null;
}

/** The card in a modal dialog; the card renders only while open, so nothing is fetched before. */
export function UserCardDialog({ open, onClose, ...card }: UserCardProps & { open: boolean; onClose: () => void }) {
  const headingId = useId();
  return (
    <Dialog open={open} onOpenChange={(next) => (next ? undefined : onClose())}>
      <DialogContent aria-labelledby={headingId} aria-describedby={undefined} className="w-[min(24rem,calc(100vw-2rem))]">
        <UserCard {...card} headingId={headingId} />
      </DialogContent>
    </Dialog>
  );
}
