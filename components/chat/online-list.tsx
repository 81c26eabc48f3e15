import { useResolvedUser } from "@/components/chat/profile-overrides";
import { AvatarImage } from "@/components/profile/avatar-image";
import type { PublicUser } from "@/lib/shared/types";

export type MemberRow = PublicUser & { isOwner?: boolean };

const MAX_OFFLINE_SHOWN = 100;

function Row({ user: given, meId, online, onUserClick }: { user: MemberRow; meId: string; online: boolean; onUserClick: (u: PublicUser) => void }) {
  const user = useResolvedUser(given);
  return (
    <li>
      <button
        type="button"
        onClick={() => onUserClick(user)}
        className={`flex w-full items-center gap-2 rounded-md px-1 py-1 text-left hover:bg-accent ${online ? "" : "text-muted-foreground"}`}
      >
        <span className="relative">
          <AvatarImage user={user} size="sm" decorative />
          {online ? (
            <span aria-hidden="true" className="absolute -bottom-0.5 -right-0.5 h-2.5 w-2.5 rounded-full border-2 border-sidebar bg-emerald-500" />
          ) : null}
        </span>
        <span className="min-w-0 truncate text-sm">
          {user.displayName}
          {user.id === meId ? <span className="text-muted-foreground"> (you)</span> : null}
          {user.isOwner ? <span className="text-xs text-warning"> · owner</span> : null}
        </span>
      </button>
    </li>
  );
}

/** Right sidebar: the room's members, online first; a click opens their card. */
export function OnlineList({
  online,
  offline,
  meId,
  onUserClick,
}: {
  online: MemberRow[];
  offline: MemberRow[];
  meId: string;
  onUserClick: (u: PublicUser) => void;
}) {
  return (
    <section aria-labelledby="online-heading" className="flex flex-col gap-2 p-3">
      <h2 id="online-heading" className="text-xs font-semibold uppercase tracking-wide text-muted-foreground">
        <span data-testid="online-count">{online.length} online</span>
      </h2>
      <ul className="flex flex-col gap-0.5" aria-label="Online users">
        {online.map((u) => (
          <Row key={u.id} user={u} meId={meId} online onUserClick={onUserClick} />
        ))}
      </ul>
      {offline.length ? (
        <>
          <h3 className="mt-2 text-xs font-semibold uppercase tracking-wide text-muted-foreground">Offline — {offline.length}</h3>
          <ul className="flex flex-col gap-0.5" aria-label="Offline members">
            {offline.slice(0, MAX_OFFLINE_SHOWN).map((u) => (
              <Row key={u.id} user={u} meId={meId} online={false} onUserClick={onUserClick} />
            ))}
          </ul>
          {offline.length > MAX_OFFLINE_SHOWN ? (
            <p className="text-xs text-muted-foreground">and {offline.length - MAX_OFFLINE_SHOWN} more (/list shows everyone)</p>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
