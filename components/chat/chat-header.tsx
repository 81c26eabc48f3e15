import Link from "next/link";
import { InstallButton } from "@/components/pwa/install-button";
import { ThemeToggle } from "@/components/ui/theme-toggle";
import type { MyRoom, SessionUser } from "@/lib/types";

const small = "rounded-md px-2 py-1 text-sm hover:bg-zinc-200 dark:hover:bg-zinc-800";

export function ChatHeader(props: {
  me: SessionUser;
  room: MyRoom | undefined;
  title: string;
  onlineCount: number;
  canManage: boolean;
  canLeave: boolean;
  onOpenRooms: () => void;
  onOpenMembers: () => void;
  onSettings: () => void;
  onLeave: () => void;
  onLogOut: () => void;
}) {
  const { me, room, title, onlineCount, canManage, canLeave } = props;
  return (
    <header className="flex items-center gap-1 border-b border-zinc-200 px-2 py-2 sm:gap-2 sm:px-4 dark:border-zinc-800">
      <button type="button" className={`${small} md:hidden`} onClick={props.onOpenRooms} aria-label="Open rooms">
        ☰ Rooms
      </button>
      <p className="hidden font-bold sm:block">Parley</p>
      <div className="min-w-0">
        <h1 className="truncate text-zinc-600 dark:text-zinc-300">{title}</h1>
        {room?.description ? <p className="hidden truncate text-xs text-zinc-500 sm:block dark:text-zinc-400">{room.description}</p> : null}
      </div>
      <span className="flex-1" />
      {canManage ? (
        <button type="button" className={small} onClick={props.onSettings}>
          Room settings
        </button>
      ) : null}
      {canLeave ? (
        <button type="button" className={small} onClick={props.onLeave} aria-label={room ? `Leave #${room.name}` : "Leave room"}>
          Leave
        </button>
      ) : null}
      <button type="button" className={`${small} md:hidden`} onClick={props.onOpenMembers} aria-label={`Open online users (${onlineCount} online)`}>
        {onlineCount} online
      </button>
      <ThemeToggle />
      <span className="hidden text-sm text-zinc-600 lg:inline dark:text-zinc-300">{me.displayName}</span>
      <InstallButton className={`${small} hidden sm:inline-flex`} />
      {me.role !== "user" ? (
        <Link href="/admin" className={small}>
          Moderation
        </Link>
      ) : null}
      <Link href="/settings/profile" className={small}>
        Profile
      </Link>
      <Link href="/settings" className={small}>
        Settings
      </Link>
      <button type="button" onClick={props.onLogOut} className={small}>
        Log out
      </button>
    </header>
  );
}
