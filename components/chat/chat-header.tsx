import { EllipsisVerticalIcon, LogOutIcon, MenuIcon, UsersIcon } from "lucide-react";
import dynamic from "next/dynamic";
import Link from "next/link";
import { InstallButton } from "@/components/pwa/install-button";
import { Button, buttonVariants } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { ThemeToggle } from "@/components/ui/theme-toggle";
import type { MyRoom, SessionUser } from "@/lib/types";

const headerLink = cn(buttonVariants({ variant: "ghost", size: "sm" }), "hidden sm:inline-flex");

// The menu (Radix + floating-ui, ~20 KiB gzip) is for phones only: it loads after the page, not with it.
const HeaderMenu = dynamic(() => import("@/components/chat/header-menu").then((m) => m.HeaderMenu), {
  ssr: false,
  loading: () => (
    <Button variant="ghost" size="icon" className="sm:hidden" aria-label="More" disabled>
      <EllipsisVerticalIcon aria-hidden="true" />
    </Button>
  ),
});

/**
 * One line at every width: on a phone the room name takes what is left after the
 * rooms button, "N online", the theme, a menu holding the page links, and Log out.
 */
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
  const leaveLabel = room ? `Leave #${room.name}` : "Leave room";
  const moderator = me.role !== "user";
  return (
    <header className="flex h-14 shrink-0 items-center gap-1 border-b border-border px-2 sm:gap-2 sm:px-4">
      <Button variant="ghost" size="icon" className="md:hidden" onClick={props.onOpenRooms} aria-label="Open rooms">
        <MenuIcon aria-hidden="true" />
      </Button>
      <p className="hidden font-bold sm:block">Parley</p>
      <div className="min-w-0 flex-1">
        <h1 className="truncate font-medium text-foreground sm:font-normal sm:text-muted-foreground">{title}</h1>
        {room?.description ? <p className="hidden truncate text-xs text-muted-foreground sm:block">{room.description}</p> : null}
      </div>
      {canManage ? (
        <Button variant="ghost" size="sm" className="hidden sm:inline-flex" onClick={props.onSettings}>
          Room settings
        </Button>
      ) : null}
      {canLeave ? (
        <Button variant="ghost" size="sm" className="hidden sm:inline-flex" onClick={props.onLeave} aria-label={leaveLabel}>
          Leave
        </Button>
      ) : null}
      <Button variant="ghost" size="sm" className="px-2 md:hidden" onClick={props.onOpenMembers} aria-label={`Open online users, ${onlineCount} online`}>
        <UsersIcon aria-hidden="true" />
        {onlineCount} online
      </Button>
      <ThemeToggle />
      <span className="hidden text-sm whitespace-nowrap text-muted-foreground lg:inline">{me.displayName}</span>
      <InstallButton className="hidden sm:inline-flex" />
      {moderator ? (
        <Link href="/admin" className={headerLink}>
        Moderation
      </Link>
      ) : null}
      <Link href="/settings/profile" className={headerLink}>
        Profile
      </Link>
      <Link href="/settings" className={headerLink}>
        Settings
      </Link>
      <HeaderMenu canManage={canManage} canLeave={canLeave} moderator={moderator} leaveLabel={leaveLabel} onSettings={props.onSettings} onLeave={props.onLeave} />
      <Button variant="ghost" size="sm" className="px-2" onClick={props.onLogOut}>
        <LogOutIcon aria-hidden="true" className="hidden sm:block" />
        Log out
      </Button>
    </header>
  );
}
