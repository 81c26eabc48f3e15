"use client";

import { ChevronDownIcon } from "lucide-react";
import { useRef } from "react";
import type { ConsoleUser } from "@/components/admin/types";
import type { UserActionKind } from "@/components/admin/users/user-actions";
import { actionsFor, noActionsReason, USER_ACTIONS } from "@/components/admin/users/user-actions";
import { useViewer } from "@/components/admin/viewer-context";
import { Button } from "@/components/ui/button";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";

/** A menu of what the viewer may do to this user; it opens in a portal, so the table's scroll box never clips it. */
export function UserRowActions({ user, onPick }: { user: ConsoleUser; onPick: (kind: UserActionKind, user: ConsoleUser) => void }) {
  const viewer = useViewer();
  const trigger = useRef<HTMLButtonElement>(null);
  const kinds = actionsFor(viewer, user);
  if (kinds.length === 0) return <span className="text-xs text-muted-foreground">{noActionsReason(viewer, user)}</span>;
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button ref={trigger} variant="outline" size="sm" aria-label={`Actions for ${user.username}`}>
          Actions
          <ChevronDownIcon aria-hidden="true" />
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="start">
        {kinds.map((kind) => (
          <DropdownMenuItem
            key={kind}
            variant={USER_ACTIONS[kind].danger ? "destructive" : "default"}
            onSelect={() => {
              // Focus the trigger first: the dialog that opens hands focus back to it when it closes.
              trigger.current?.focus();
              onPick(kind, user);
            }}
          >
            {USER_ACTIONS[kind].label}
          </DropdownMenuItem>
        ))}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
