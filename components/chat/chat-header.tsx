import { EllipsisVerticalIcon, LogOutIcon, MenuIcon, UsersIcon } from "lucide-react";
import Link from "next/link";
import { InstallButton } from "@/components/pwa/install-button";
import { Button } from "@/components/ui/button";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuSeparator, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import { ThemeToggle } from "@/components/ui/theme-toggle";
import type { MyRoom, SessionUser } from "@/lib/types";

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
      <Button variant="ghost" size="sm" className="px-2 md:hidden" onClick={props.onOpenMembers} aria-label={`Open online users (${onlineCount} online)`}>
        <UsersIcon aria-hidden="true" />
        {onlineCount} online
      </Button>
      <ThemeToggle />
      <span className="hidden text-sm whitespace-nowrap text-muted-foreground lg:inline">{me.displayName}</span>
      <InstallButton className="hidden sm:inline-flex" />
      {moderator ? (
        <Button asChild variant="ghost" size="sm" className="hidden sm:inline-flex">
          <Link href="/admin">Moderation</Link>
        </Button>
      ) : null}
      <Button asChild variant="ghost" size="sm" className="hidden sm:inline-flex">
        <Link href="/settings/profile">Profile</Link>
      </Button>
      <Button asChild variant="ghost" size="sm" className="hidden sm:inline-flex">
        <Link href="/settings">Settings</Link>
      </Button>
      <DropdownMenu>
        <DropdownMenuTrigger asChild>
          <Button variant="ghost" size="icon" className="sm:hidden" aria-label="More">
            <EllipsisVerticalIcon aria-hidden="true" />
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent align="end">
          {canManage ? <DropdownMenuItem onSelect={props.onSettings}>Room settings</DropdownMenuItem> : null}
          {canLeave ? <DropdownMenuItem onSelect={props.onLeave}>{leaveLabel}</DropdownMenuItem> : null}
          {canManage || canLeave ? <DropdownMenuSeparator /> : null}
          {moderator ? (
            <DropdownMenuItem asChild>
              <Link href="/admin">Moderation</Link>
            </DropdownMenuItem>
          ) : null}
          <DropdownMenuItem asChild>
            <Link href="/settings/profile">Profile</Link>
          </DropdownMenuItem>
          <DropdownMenuItem asChild>
            <Link href="/settings">Settings</Link>
          </DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
      <Button variant="ghost" size="sm" className="px-2" onClick={props.onLogOut}>
        <LogOutIcon aria-hidden="true" className="hidden sm:block" />
        Log out
      </Button>
    </header>
  );
}
