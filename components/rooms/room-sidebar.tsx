import type { MouseEvent, ReactNode } from "react";
import { conversationTitle } from "@/lib/client/chat-store";
import type { MyRoom } from "@/lib/shared/types";
import { KeyRoundIcon, LockIcon, PlusIcon, SearchIcon } from "lucide-react";
import { Button, buttonVariants } from "@/components/ui/button";

const headingClass = "text-xs font-semibold uppercase tracking-wide text-muted-foreground";
const linkClass = "flex items-center gap-1 rounded-md px-2 py-1.5 text-sm hover:bg-accent aria-[current=page]:bg-accent aria-[current=page]:font-semibold";

export const roomHref = (room: MyRoom, homeId: string) => (room.id === homeId ? "/" : `/?room=${encodeURIComponent(room.id)}`);

function Unread({ count }: { count: number }) {
  if (count <= 0) return null;
  return (
    <span className="rounded-full bg-primary px-1.5 text-xs font-semibold text-primary-foreground" data-testid="unread">
      {count > 99 ? "99+" : count}
      <span className="sr-only"> unread</span>
    </span>
  );
}

/** Unread messages that mention you: apart from the unread count, so they stand out. */
function Mentions({ count }: { count: number }) {
  if (count <= 0) return null;
  return (
    <span className="rounded-full bg-destructive px-1.5 text-xs font-semibold text-destructive-foreground" data-testid="mentions">
      @{count > 99 ? "99+" : count}
      <span className="sr-only"> {count === 1 ? "mention" : "mentions"}</span>
    </span>
  );
}

function RoomLink({
  room,
  title,
  active,
  href,
  onOpen,
  children,
}: {
  room: MyRoom;
  title: string;
  active: boolean;
  href: string;
  onOpen: (id: string) => void;
  children?: ReactNode;
}) {
  const open = (e: MouseEvent<HTMLAnchorElement>) => {
    if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
    e.preventDefault();
    onOpen(room.id);
  };
  return (
    <li>
      <a href={href} onClick={open} aria-current={active ? "page" : undefined} className={`${linkClass} ${room.unread > 0 ? "font-semibold" : ""}`}>
        <span className="min-w-0 truncate">{title}</span>
        {children}
        <span className="ml-auto flex shrink-0 gap-1">
          <Mentions count={room.mentions ?? 0} />
          <Unread count={room.unread} />
        </span>
      </a>
    </li>
  );
}

/** Left sidebar: joined rooms and direct messages, each with unread counts. */
export function RoomSidebar(props: {
  rooms: MyRoom[];
  dms: MyRoom[];
  activeId: string;
  homeId: string;
  meId: string;
  onOpen: (roomId: string) => void;
  onBrowse: () => void;
  onCreate: () => void;
  /** "New secret room" shows only when the console lets this person create one. */
  secretRooms?: boolean;
  footer?: ReactNode;
}) {
  const { rooms, dms, activeId, homeId, meId, onOpen, onBrowse, onCreate, footer, secretRooms = true } = props;
  return (
    // One landmark: "Direct messages" as a label would also answer to getByLabel("Messages").
    <nav aria-label="Conversations" className="flex flex-col gap-4 p-3">
      <section className="flex flex-col gap-2">
        <h2 id="rooms-heading" className={headingClass}>
          Rooms
        </h2>
        <ul className="flex flex-col gap-0.5">
          {rooms.map((room) => (
            <RoomLink key={room.id} room={room} title={`# ${room.name}`} active={room.id === activeId} href={roomHref(room, homeId)} onOpen={onOpen}>
              {room.kind === "private" ? (
                <>
                  <LockIcon aria-hidden="true" className="size-3.5 shrink-0 text-muted-foreground" />
                  <span className="sr-only">(private: needs a password)</span>
                </>
              ) : null}
              {room.kind === "hidden" ? <span className="text-xs text-muted-foreground">(hidden)</span> : null}
            </RoomLink>
          ))}
        </ul>
        <div className="flex flex-wrap gap-1">
          <Button variant="ghost" size="sm" className="px-2 text-primary" onClick={onBrowse}>
            <SearchIcon aria-hidden="true" />
            Browse rooms
          </Button>
          <Button variant="ghost" size="sm" className="px-2 text-primary" onClick={onCreate}>
            <PlusIcon aria-hidden="true" />
            Create room
          </Button>
          {/* A page of its own: the encryption code never loads with the chat. */}
          {secretRooms ? (
            <a href="/s/new" className={buttonVariants({ variant: "ghost", size: "sm", className: "px-2 text-primary" })}>
              <KeyRoundIcon aria-hidden="true" />
              New secret room
            </a>
          ) : null}
        </div>
      </section>
      <section className="flex flex-col gap-2">
        <h2 id="dms-heading" className={headingClass}>
          Direct messages
        </h2>
        {dms.length === 0 ? (
          <p className="text-xs text-muted-foreground">Click someone&apos;s name and choose Message, or type /msg name text.</p>
        ) : (
          <ul className="flex flex-col gap-0.5">
            {dms.map((room) => (
              <RoomLink
                key={room.id}
                room={room}
                title={conversationTitle(room, meId)}
                active={room.id === activeId}
                href={roomHref(room, homeId)}
                onOpen={onOpen}
              />
            ))}
          </ul>
        )}
      </section>
      {footer}
    </nav>
  );
}
