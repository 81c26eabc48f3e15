"use client";

import { EllipsisVerticalIcon, SearchIcon } from "lucide-react";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuSeparator, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";

/** On a phone, what the header has no room for: search, room actions and the page links. */
export function HeaderMenu(props: {
  canManage: boolean;
  canLeave: boolean;
  moderator: boolean;
  leaveLabel: string;
  onSettings: () => void;
  onLeave: () => void;
  onSearch: () => void;
}) {
  const { canManage, canLeave, moderator, leaveLabel } = props;
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="ghost" size="icon" className="sm:hidden" aria-label="More">
          <EllipsisVerticalIcon aria-hidden="true" />
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end">
        <DropdownMenuItem onSelect={props.onSearch}>
          <SearchIcon aria-hidden="true" />
          Search messages
        </DropdownMenuItem>
        <DropdownMenuSeparator />
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
  );
}
