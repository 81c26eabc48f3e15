"use client";

import { useRef } from "react";
import type { ConsoleUser } from "@/components/admin/types";
import { actionsFor, noActionsReason, USER_ACTIONS, type UserActionKind } from "@/components/admin/users/user-actions";
import { useViewer } from "@/components/admin/viewer-context";

/** A disclosure (<details>: keyboard-usable without script) that opens in place, so the table's scroll box never clips it. */
export function UserRowActions({ user, onPick }: { user: ConsoleUser; onPick: (kind: UserActionKind, user: ConsoleUser) => void }) {
  const viewer = useViewer();
  const ref = useRef<HTMLDetailsElement>(null);
  const kinds = actionsFor(viewer, user);
  if (kinds.length === 0) return <span className="text-xs text-muted-foreground">{noActionsReason(viewer, user)}</span>;
  return (
    <details ref={ref} className="relative">
      <summary aria-label={`Actions for ${user.username}`} className="cursor-pointer list-none rounded-md border border-zinc-300 px-2 py-1 text-sm hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800">
        Actions ▾
      </summary>
      <ul className="mt-1 flex w-40 flex-col rounded-md border border-zinc-200 bg-white py-1 shadow-sm dark:border-zinc-700 dark:bg-zinc-900">
        {kinds.map((kind) => (
          <li key={kind}>
            <button
              type="button"
              className={`w-full px-3 py-1.5 text-left text-sm hover:bg-accent ${USER_ACTIONS[kind].danger ? "text-destructive" : ""}`}
              onClick={() => {
                // Focus the summary first: the dialog hands focus back to it when it closes.
                ref.current?.querySelector("summary")?.focus();
                if (ref.current) ref.current.open = false;
                onPick(kind, user);
              }}
            >
              {USER_ACTIONS[kind].label}
            </button>
          </li>
        ))}
      </ul>
    </details>
  );
}
