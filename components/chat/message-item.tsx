import { CheckIcon, ClockIcon, ReplyIcon } from "lucide-react";
import type { CSSProperties } from "react";
import { MessageBody } from "@/components/chat/message-body";
import { MessageAttachments } from "@/components/chat/message-attachments";
import { LinkPreviewCard } from "@/components/chat/link-preview-card";
import type { ToolbarActions } from "@/components/chat/message-toolbar";
import { MessageToolbar } from "@/components/chat/message-toolbar";
import { useResolvedUser } from "@/components/chat/profile-overrides";
import { ReactionChips } from "@/components/chat/reactions";
import { AvatarImage } from "@/components/profile/avatar-image";
import { cn } from "@/components/ui/cn";
import { deliveryText } from "@/lib/client/delivery-text";
import type { StreamItem } from "@/lib/client/chat-state";
import type { ListRow } from "@/lib/client/message-layout";
import { formatDateTime, formatTime } from "@/lib/shared/format-time";
import type { ChatMessage, PublicUser } from "@/lib/shared/types";

/** Written in the reader's locale and zone, which the server does not know: blank in its HTML (`local` false). */
const timeOf = (iso: string, local: boolean) => (local ? { short: formatTime(iso), full: formatDateTime(iso) } : { short: "", full: undefined });

export interface MessageHandlers extends ToolbarActions {
  /** Mentions of this username are highlighted in the text. */
  meUsername: string;
  onUserClick: (user: PublicUser) => void;
  /** A reply's quote was clicked: show its parent (loading older history if needed). */
  onJump: (messageId: number) => void;
  /** Only offered for failures a resend can fix; the same clientId goes out again. */
  onRetry: (clientId: string) => void;
  /** Its sender takes a message's link preview card away (offered on their own messages only). */
  onRemovePreview?: (message: ChatMessage) => void;
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

/** What stands in place of a deleted message. */
const removedText = (message: ChatMessage) => (message.removedBy === "author" ? "message deleted" : "message removed by a moderator");

/** The compact quote of the message a reply answers; it jumps to it. */
function ReplyQuoteButton({ quote, tabIndex, onJump }: { quote: NonNullable<ChatMessage["replyTo"]>; tabIndex: number; onJump: (id: number) => void }) {
  const author = useResolvedUser(quote.author);
  return (
    <button
      type="button"
      tabIndex={tabIndex}
      onClick={() => onJump(quote.id)}
      data-reply-to={quote.id}
      aria-label={quote.removed ? "Reply to a deleted message" : `Reply to ${author.displayName}: ${quote.excerpt}. Show that message`}
      className="mb-0.5 flex max-w-full items-center gap-1 truncate rounded text-left text-xs text-muted-foreground hover:text-foreground"
    >
      <ReplyIcon aria-hidden="true" className="size-3 shrink-0" />
      {quote.removed ? (
        <span className="italic">original message deleted</span>
      ) : (
        <>
          <span className="font-semibold">{author.displayName}</span>
          <span className="truncate">{quote.excerpt}</span>
        </>
      )}
    </button>
  );
}

function Edited({ at, local }: { at: string; local: boolean }) {
  return (
    <span className="ml-1 text-xs text-muted-foreground" title={local ? `Edited ${formatDateTime(at)}` : undefined} data-edited={at}>
      (edited)
    </span>
  );
}

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

export function MessageItem({ item, compact, active, slot, localTime = true, ...handlers }: { item: StreamItem } & RowPlacement & MessageHandlers) {
  const { meId, meUsername, onUserClick, onRetry, onJump, onReact, onRemovePreview } = handlers;
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
  const mentioned = !!message && !message.removed && !!message.mentions?.userIds.includes(meId);
  const frame =
    kind === "whisper"
      ? "border border-dashed border-primary/50 bg-primary/5"
      : mentioned
        ? "border-l-2 border-warning bg-warning/10"
        : "hover:bg-muted/60 focus-within:bg-muted/60";
  const actionable = !!message && !message.removed;
  const pendingClass = item.kind === "pending" ? "opacity-60" : "";

  return (
    <li
      className={cn("group relative flex gap-3 px-1", compact ? "py-0.5" : "mt-1 py-1.5", frame, rowClass)}
      data-kind={item.kind}
      data-message-kind={kind}
      data-compact={compact ? "true" : undefined}
      data-mentioned={mentioned ? "true" : undefined}
      data-row={item.key}
      tabIndex={tab}
      {...slot}
    >
      {actionable ? <MessageToolbar message={message} tabIndex={tab} actions={handlers} /> : null}
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
            {message?.removed ? (
              <span className="not-italic text-muted-foreground">{removedText(message)}</span>
            ) : (
              <span className={`min-w-0 whitespace-pre-wrap wrap-anywhere ${pendingClass}`}>{body}</span>
            )}
            {message?.editedAt ? <Edited at={message.editedAt} local={localTime} /> : null}
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
            {message?.replyTo ? <ReplyQuoteButton quote={message.replyTo} tabIndex={tab} onJump={onJump} /> : null}
            {message?.removed ? (
              <p className="italic text-muted-foreground">{removedText(message)}</p>
            ) : (
              <div className={cn("min-w-0", pendingClass)}>
                {body ? <MessageBody body={body} mentions={message?.mentions} meUsername={meUsername} /> : null}
                {message?.editedAt ? <Edited at={message.editedAt} local={localTime} /> : null}
                {message?.attachments?.length ? <MessageAttachments attachments={message.attachments} tabIndex={tab} /> : null}
                {item.kind === "pending" && item.options.attachmentNames?.length ? (
                  <p className="text-xs text-muted-foreground wrap-anywhere">Files: {item.options.attachmentNames.join(", ")}</p>
                ) : null}
                {message?.preview ? (
                  <LinkPreviewCard
                    preview={message.preview}
                    tabIndex={tab}
                    onRemove={message.author.id === meId && onRemovePreview ? () => onRemovePreview(message) : undefined}
                  />
                ) : null}
              </div>
            )}
          </>
        )}
        {message?.reactions?.length && !message.removed ? (
          <ReactionChips
            reactions={message.reactions}
            meId={meId}
            tabIndex={tab}
            onToggle={(emoji, mine) => onReact(message, emoji, !mine)}
            onPick={(emoji) => onReact(message, emoji, true)}
          />
        ) : null}
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
