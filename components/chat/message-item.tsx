import { CheckIcon, ClockIcon } from "lucide-react";
import type { CSSProperties } from "react";
import { useResolvedUser } from "@/components/chat/profile-overrides";
import type { ReportReason } from "@/components/chat/report-button";
import { ReportButton } from "@/components/chat/report-button";
import { AvatarImage } from "@/components/profile/avatar-image";
import { cn } from "@/components/ui/cn";
import { deliveryText } from "@/lib/client/delivery-text";
import type { StreamItem } from "@/lib/client/chat-state";
import type { ListRow } from "@/lib/client/message-layout";
import { formatDateTime, formatTime } from "@/lib/shared/format-time";
import type { PublicUser } from "@/lib/shared/types";

/** Written in the reader's locale and zone, which the server does not know: blank in its HTML (`local` false). */
const timeOf = (iso: string, local: boolean) => (local ? { short: formatTime(iso), full: formatDateTime(iso) } : { short: "", full: undefined });

export interface MessageHandlers {
  meId: string;
  /** Returns an error sentence, or null when the report was taken. */
  onReport: (messageId: number, reason: ReportReason, note: string) => Promise<string | null>;
  onUserClick: (user: PublicUser) => void;
  /** Only offered for failures a resend can fix; the same clientId goes out again. */
  onRetry: (clientId: string) => void;
}

/**
 * What the virtual list puts on a row's `<li>`: where it sits, a ref to measure it, and
 * its place in the whole stream (most rows are not in the DOM, so a screen reader is told).
 */
export interface RowAttributes {
  ref?: (el: Element | null) => void;
  "data-index"?: number;
  "aria-posinset": number;
  "aria-setsize": number;
  style?: CSSProperties;
}

/** How the list places a row: `compact` continues the author's group; `active` is the list's one Tab stop. */
export interface RowPlacement {
  compact: boolean;
  active: boolean;
  slot?: RowAttributes;
  /** False while hydrating the server's HTML: times are written once the page runs in the reader's browser. */
  localTime?: boolean;
}

const toneClass = {
  presence: "py-0.5 text-center text-xs wrap-anywhere text-muted-foreground",
  output: "my-1 whitespace-pre-wrap wrap-anywhere rounded-md border border-border bg-muted px-3 py-2 text-sm text-foreground/80",
  error: "my-1 whitespace-pre-wrap wrap-anywhere rounded-md bg-destructive/10 px-3 py-2 text-sm text-destructive",
};

/** Rows are focusable (roving tabindex); what a row holds is reached with Tab once the row has focus. */
const rowClass = "rounded-md outline-none focus-visible:ring-2 focus-visible:ring-ring";
/** Shown while the row is hovered or holds focus (a tap focuses it on a phone). */
const onRowFocus = "opacity-0 group-hover:opacity-100 group-focus-within:opacity-100";

function Name({ user: given, tabIndex, onUserClick }: { user: PublicUser; tabIndex: number; onUserClick: (u: PublicUser) => void }) {
  const user = useResolvedUser(given);
  return (
    <button
      type="button"
      tabIndex={tabIndex}
      onClick={() => onUserClick(user)}
      className="text-left font-semibold wrap-anywhere hover:underline"
      title={`${user.displayName} (@${user.username})`}
    >
      {user.displayName}
    </button>
  );
}

function AuthorAvatar({ user }: { user: PublicUser }) {
  return <AvatarImage user={useResolvedUser(user)} decorative />;
}

function HiddenAuthor({ user }: { user: PublicUser }) {
  return <span className="sr-only">{useResolvedUser(user).displayName}: </span>;
}

export function MessageItem({
  item,
  compact,
  active,
  slot,
  localTime = true,
  meId,
  onUserClick,
  onRetry,
  onReport,
}: { item: StreamItem } & RowPlacement & MessageHandlers) {
  const tab = active ? 0 : -1;
  if (item.kind === "system") {
    return (
      <li className={cn(toneClass[item.tone], rowClass)} data-kind="system" data-tone={item.tone} data-row={item.key} tabIndex={tab} {...slot}>
        {item.text}
      </li>
    );
  }
  const message = item.kind === "message" ? item.message : null;
  const author = message?.author ?? (item.kind === "pending" ? item.author : null);
  if (!author) return null;
  const body = message?.body ?? (item.kind === "pending" ? item.body : "");
  const createdAt = message?.createdAt ?? (item.kind === "pending" ? item.createdAt : "");
  const kind = message?.kind ?? (item.kind === "pending" ? (item.options.kind ?? (item.options.whisperTo ? "whisper" : "text")) : "text");
  const whisperLabel =
    kind === "whisper"
      ? message?.recipient
        ? message.recipient.id === meId
          ? "whispered to you"
          : `whispered to ${message.recipient.displayName}`
        : `whispering to @${item.kind === "pending" ? item.options.whisperTo : "…"}`
      : null;
  const time = timeOf(createdAt, localTime);
  const frame = kind === "whisper" ? "border border-dashed border-primary/50 bg-primary/5" : "hover:bg-muted/60 focus-within:bg-muted/60";
  const reportable = !!message && !message.removed && message.author.id !== meId;

  return (
    <li
      className={cn("group relative flex gap-3 px-1", compact ? "py-0.5" : "mt-1 py-1.5", frame, rowClass)}
      data-kind={item.kind}
      data-message-kind={kind}
      data-compact={compact ? "true" : undefined}
      data-row={item.key}
      tabIndex={tab}
      {...slot}
    >
      {reportable ? (
        // First in the row, so Tab from a focused message lands on its actions.
        <div
          role="toolbar"
          aria-label="Message actions"
          className={cn(
            "pointer-events-none absolute -top-3 right-2 z-10 flex rounded-md border border-border bg-popover p-0.5 text-popover-foreground shadow-sm",
            onRowFocus,
            "group-hover:pointer-events-auto group-focus-within:pointer-events-auto",
          )}
        >
          <ReportButton author={author.displayName} tabIndex={tab} onReport={(reason, note) => onReport(message.id, reason, note)} />
        </div>
      ) : null}
      {compact ? (
        <time
          dateTime={createdAt}
          title={time.full}
          className={cn("flex w-9 shrink-0 justify-end whitespace-nowrap pt-0.5 text-[0.65rem] leading-5 text-muted-foreground", onRowFocus)}
        >
          {time.short}
        </time>
      ) : (
        <AuthorAvatar user={author} />
      )}
      <div className="min-w-0 flex-1">
        {kind === "me" ? (
          <p className="flex min-w-0 flex-wrap items-baseline gap-x-1 italic">
            <span aria-hidden="true">*</span>
            <Name user={author} tabIndex={tab} onUserClick={onUserClick} />
            <span className={`min-w-0 whitespace-pre-wrap wrap-anywhere ${item.kind === "pending" ? "opacity-60" : ""}`}>{body}</span>
            <time dateTime={createdAt} title={time.full} className="ml-1 text-xs not-italic text-muted-foreground">
              {time.short}
            </time>
          </p>
        ) : (
          <>
            {compact ? (
              <HiddenAuthor user={author} />
            ) : (
              <p className="flex flex-wrap items-baseline gap-x-2">
                <Name user={author} tabIndex={tab} onUserClick={onUserClick} />
                {whisperLabel ? <span className="text-xs font-medium text-primary">{whisperLabel}</span> : null}
                <time dateTime={createdAt} title={time.full} className="text-xs text-muted-foreground">
                  {time.short}
                </time>
              </p>
            )}
            {message?.removed ? (
              <p className="italic text-muted-foreground">message removed by a moderator</p>
            ) : (
              <p className={`whitespace-pre-wrap wrap-anywhere ${item.kind === "pending" ? "opacity-60" : ""}`}>{body}</p>
            )}
          </>
        )}
        {item.kind === "message" && item.delivery?.length ? (
          <ul className="mt-0.5 text-xs text-muted-foreground" aria-label="Delivery">
            {item.delivery.map((d) => (
              <li key={d.user.id} data-delivery={d.online ? "delivered" : "saved"}>
                {d.online ? <CheckIcon aria-hidden="true" className="mr-1 inline size-3" /> : <ClockIcon aria-hidden="true" className="mr-1 inline size-3" />}
                {deliveryText(d)}
              </li>
            ))}
          </ul>
        ) : null}
        {item.kind === "pending" ? (
          item.status === "failed" ? (
            <p className="text-sm text-destructive wrap-anywhere" role="alert" data-retryable={item.retryable ? "true" : "false"}>
              Not sent: {item.error}{" "}
              {item.retryable ? (
                <button type="button" tabIndex={tab} className="font-medium underline" onClick={() => onRetry(item.clientId)}>
                  Retry
                </button>
              ) : null}
            </p>
          ) : (
            <p className="text-xs text-muted-foreground">Sending…</p>
          )
        ) : null}
      </div>
    </li>
  );
}

/** A date or "New messages" row between messages. */
export function DividerRow({ row, slot }: { row: Exclude<ListRow, { type: "item" }>; slot?: RowAttributes }) {
  const unread = row.type === "unread";
  return (
    <li data-divider={row.type} className="my-2" {...slot}>
      <div
        role="separator"
        aria-label={unread ? "New messages" : row.label}
        className={`flex items-center gap-2 text-xs font-medium ${unread ? "text-destructive" : "text-muted-foreground"}`}
      >
        <span aria-hidden="true" className={`h-px flex-1 ${unread ? "bg-destructive/60" : "bg-border"}`} />
        <span aria-hidden="true">{unread ? "New messages" : row.label}</span>
        <span aria-hidden="true" className={`h-px flex-1 ${unread ? "bg-destructive/60" : "bg-border"}`} />
      </div>
    </li>
  );
}
