"use client";

import type { ReactNode } from "react";
import { useId } from "react";
import { AvatarImage } from "@/components/profile/avatar-image";
import { Dialog, DialogContent } from "@/components/ui/dialog";
import { nextStep } from "@/lib/client/http";
import { useHttp } from "@/lib/client/use-http";
import { formatDate, formatDateTime, timeAgo } from "@/lib/shared/format-time";
import type { PublicProfile } from "@/lib/shared/schemas/profile";
import type { PublicUser } from "@/lib/shared/types";

/** The card's GET; the chat writes `user:updated` copies into SWR's cache under this key, so an open card follows live. */
export const profileUrl = (userId: string) => `/api/users/${encodeURIComponent(userId)}`;

export interface UserCardProps {
  /** Whose card; defaults to `profile.id`. */
  userId?: string;
  /**
   * What the caller already knows, shown at once. A full PublicProfile with no `userId`
   * is shown as is (your own card); otherwise GET /api/users/[id] fills in the rest.
   */
  profile?: PublicProfile | PublicUser;
  /** From presence; the card can't know it. Undefined hides the online line when there is no last-seen time. */
  online?: boolean;
  /** What the viewer can do here (Message, Block, …), shown under the details. */
  children?: ReactNode;
  /** Id for the display name heading, so a dialog can be labelled by it. */
  headingId?: string;
}

function isFullProfile(p: PublicProfile | PublicUser | undefined): p is PublicProfile {
  return !!p && "joinedAt" in p;
}

/** Someone's public profile, the same in the chat, the console and the profile page: avatar, names, status, joined, online / last seen. */
export function UserCard({ userId, profile, online, children, headingId }: UserCardProps) {
  const id = userId ?? profile?.id ?? "";
  const fetch = !!id && (!!userId || !isFullProfile(profile));
  const { data, error } = useHttp<{ profile: PublicProfile }>(fetch ? profileUrl(id) : null);
  const fetched = data?.profile.id === id ? data.profile : null;
  const shown: (PublicUser & Partial<PublicProfile>) | null = fetched ?? profile ?? null;
  const problem = error ? `${error.message} ${nextStep(error) ?? ""}`.trim() : null;

  if (!shown) {
    return problem ? (
      <p role="alert" className="text-sm text-destructive">
        {problem}
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
      {problem && fetch ? (
        <p role="alert" className="text-sm text-destructive">
          {problem}
        </p>
      ) : null}
      {children}
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

/** The card in a modal dialog, named by the person's display name; the card renders only while open, so nothing is fetched before. */
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
