import { EllipsisVerticalIcon, LogOutIcon, MenuIcon, SearchIcon, UsersIcon } from "lucide-react";
import { Suspense } from "react";
import { PageLink } from "@/components/chat/page-link";
import { Button, buttonVariants } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Input } from "@/components/ui/input";
import { lazyComponent, useHydrated } from "@/components/ui/lazy";
import { ThemeToggle } from "@/components/ui/theme-toggle";
import type { MyRoom, SessionUser } from "@/lib/shared/types";

const headerLink = cn(buttonVariants({ variant: "ghost", size: "sm" }), "hidden sm:inline-flex");

/** The menu (Radix + floating-ui, ~26 KiB gzip) is for phones only: it loads after the page, not with it. */
export const headerMenu = lazyComponent(() => import("@/components/chat/header-menu").then((m) => m.HeaderMenu));

/** Only shown when the browser offers installing (after hydration at the earliest): not first-load code. */
const installButton = lazyComponent(() => import("@/components/pwa/install-button").then((m) => m.InstallButton));

/** Holds the menu's place (same size, same name) until its code is in. */
const menuPlaceholder = (
  <Button variant="ghost" size="icon" className="sm:hidden" aria-label="More" disabled>
    <EllipsisVerticalIcon aria-hidden="true" />
  </Button>
);

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
  /** Opens the search results (components/chat/search-panel.tsx) for what was typed; "" opens an empty search. */
  onSearch: (query: string) => void;
}) {
  const { me, room, title, onlineCount, canManage, canLeave } = props;
  const leaveLabel = room ? `Leave #${room.name}` : "Leave room";
  const moderator = me.role !== "user";
  const hydrated = useHydrated();
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
      <form
        role="search"
        className="hidden md:block"
        onSubmit={(event) => {
          event.preventDefault();
          props.onSearch(String(new FormData(event.currentTarget).get("q") ?? ""));
        }}
      >
        <Input
          name="q"
          type="search"
          aria-label="Search messages"
          placeholder="Search"
          autoComplete="off"
          maxLength={500}
          className="h-8 w-36 py-1 text-sm lg:w-52"
        />
      </form>
      {/* Phones: in the More menu (the header has no room left); up to md, this icon; from md, the box. */}
      <Button variant="ghost" size="icon" className="hidden sm:inline-flex md:hidden" onClick={() => props.onSearch("")} aria-label="Open search">
        <SearchIcon aria-hidden="true" />
      </Button>
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
      {hydrated ? (
        <Suspense fallback={null}>
          <installButton.Component className="hidden sm:inline-flex" />
        </Suspense>
      ) : null}
      {moderator ? (
        <PageLink href="/admin" className={headerLink}>
          Moderation
        </PageLink>
      ) : null}
      <PageLink href="/settings/profile" className={headerLink}>
        Profile
      </PageLink>
      <PageLink href="/settings" className={headerLink}>
        Settings
      </PageLink>
      {hydrated ? (
        <Suspense fallback={menuPlaceholder}>
          <headerMenu.Component
            canManage={canManage}
            canLeave={canLeave}
            moderator={moderator}
            leaveLabel={leaveLabel}
            onSettings={props.onSettings}
            onLeave={props.onLeave}
            onSearch={() => props.onSearch("")}
          />
        </Suspense>
      ) : (
        menuPlaceholder
      )}
      <Button variant="ghost" size="sm" className="px-2" onClick={props.onLogOut}>
        <LogOutIcon aria-hidden="true" className="hidden sm:block" />
        Log out
      </Button>
    </header>
  );
}
