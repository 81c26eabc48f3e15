"use client";

import { PencilIcon, ReplyIcon, Trash2Icon } from "lucide-react";
import type { KeyboardEvent } from "react";
import { useState } from "react";
import type { ReportReason } from "@/components/chat/report-button";
import { ReportButton } from "@/components/chat/report-button";
import { ReactButton } from "@/components/chat/reactions";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import type { ChatMessage } from "@/lib/shared/types";

/** Shown while the row is hovered or holds focus (a tap focuses it on a phone). */
const onRowFocus = "opacity-0 group-hover:opacity-100 group-focus-within:opacity-100";

/** Where each key moves focus in the toolbar (wrapping at the ends). */
const toolbarMoves: Record<string, (at: number, last: number) => number> = {
  ArrowRight: (at, last) => (at >= last ? 0 : at + 1),
  ArrowLeft: (at, last) => (at <= 0 ? last : at - 1),
  Home: () => 0,
  End: (_at, last) => last,
};

export interface ToolbarActions {
  meId: string;
  /** A moderator or admin: may delete anyone's message. */
  canModerate: boolean;
  onReply: (message: ChatMessage) => void;
  onEdit: (message: ChatMessage) => void;
  onDelete: (message: ChatMessage) => void;
  onReact: (message: ChatMessage, emoji: string, add: boolean) => void;
  onReport: (messageId: number, reason: ReportReason, note: string) => Promise<string | null>;
}

function ToolButton({ label, tabIndex, onClick, children }: { label: string; tabIndex: number; onClick: () => void; children: React.ReactNode }) {
  return (
    <Button variant="ghost" size="sm" className="h-7 px-2" tabIndex={tabIndex} aria-label={label} title={label} onClick={onClick}>
      {children}
    </Button>
  );
}

/**
 * A stored message's actions: react and reply for everyone; edit and delete for its
 * author; delete for moderators; report for other people's messages. First in the row,
 * so Tab from a focused message lands on them.
 */
export function MessageToolbar({ message, tabIndex, actions }: { message: ChatMessage; tabIndex: number; actions: ToolbarActions }) {
  const own = message.author.id === actions.meId;
  // One Tab stop for the whole toolbar (WAI-ARIA toolbar): ←/→, Home and End move between its buttons.
  const [current, setCurrent] = useState(0);
  const stop = (index: number) => (tabIndex === 0 && index === current ? 0 : -1);
  const buttons = (el: HTMLElement) => [...el.querySelectorAll<HTMLElement>(":scope > button, :scope > * > button")];
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const move = toolbarMoves[event.key];
    if (!move) return;
    const all = buttons(event.currentTarget);
    const at = all.indexOf(event.target as HTMLElement);
    if (at < 0) return;
    event.preventDefault();
    event.stopPropagation();
    const next = move(at, all.length - 1);
    setCurrent(next);
    all[next]?.focus();
  };
  let index = 0;
  const nextStop = () => stop(index++);
  return (
    <div
      role="toolbar"
      aria-label="Message actions"
      onKeyDown={onKeyDown}
      onFocus={(event) => {
        const at = buttons(event.currentTarget).indexOf(event.target as HTMLElement);
        if (at >= 0 && at !== current) setCurrent(at);
      }}
      className={cn(
        "pointer-events-none absolute -top-3 right-2 z-10 flex rounded-md border border-border bg-popover p-0.5 text-popover-foreground shadow-sm",
        onRowFocus,
        "group-hover:pointer-events-auto group-focus-within:pointer-events-auto",
      )}
    >
      <ReactButton tabIndex={nextStop()} onPick={(emoji) => actions.onReact(message, emoji, true)} />
      <ToolButton label="Reply" tabIndex={nextStop()} onClick={() => actions.onReply(message)}>
        <ReplyIcon aria-hidden="true" className="size-3.5" />
      </ToolButton>
      {own ? (
        <ToolButton label="Edit message" tabIndex={nextStop()} onClick={() => actions.onEdit(message)}>
          <PencilIcon aria-hidden="true" className="size-3.5" />
        </ToolButton>
      ) : null}
      {own || actions.canModerate ? (
        <ToolButton label="Delete message" tabIndex={nextStop()} onClick={() => actions.onDelete(message)}>
          <Trash2Icon aria-hidden="true" className="size-3.5" />
        </ToolButton>
      ) : null}
      {own ? null : (
        <ReportButton author={message.author.displayName} tabIndex={nextStop()} onReport={(reason, note) => actions.onReport(message.id, reason, note)} />
      )}
    </div>
  );
}
