import { CheckIcon, ClockIcon } from "lucide-react";
import { useResolvedUser } from "@/components/chat/profile-overrides";
import { ReportButton, type ReportReason } from "@/components/chat/report-button";
import { AvatarImage } from "@/components/profile/avatar-image";
import { deliveryText } from "@/lib/client/command-output";
import type { StreamItem } from "@/lib/client/chat-state";
import { formatDateTime, formatTime } from "@/lib/format-time";
import type { PublicUser } from "@/lib/types";

const timeOf = (iso: string) => ({ short: formatTime(iso), full: formatDateTime(iso) });

export interface MessageHandlers {
  meId: string;
  /** Returns an error sentence, or null when the report was taken. */
  onReport: (messageId: number, reason: ReportReason, note: string) => Promise<string | null>;
  onUserClick: (user: PublicUser) => void;
  /** Only offered for failures a resend can fix; the same clientId goes out again. */
  onRetry: (clientId: string) => void;
}

const toneClass = {
  presence: "py-0.5 text-center text-xs wrap-anywhere text-muted-foreground",
  output: "my-1 whitespace-pre-wrap wrap-anywhere rounded-md border border-border bg-muted px-3 py-2 text-sm text-foreground/80",
  error: "my-1 whitespace-pre-wrap wrap-anywhere rounded-md bg-destructive/10 px-3 py-2 text-sm text-destructive",
};

function Name({ user: given, onUserClick }: { user: PublicUser; onUserClick: (u: PublicUser) => void }) {
  const user = useResolvedUser(given);
  return (
    <button type="button" onClick={() => onUserClick(user)} className="text-left font-semibold wrap-anywhere hover:underline" title={`${user.displayName} (@${user.username})`}>
      {user.displayName}
    </button>
  );
}

function AuthorAvatar({ user }: { user: PublicUser }) {
  return <AvatarImage user={useResolvedUser(user)} decorative />;
}

export function MessageItem({ item, meId, onUserClick, onRetry, onReport }: { item: StreamItem } & MessageHandlers) {
  if (item.kind === "system") {
    return (
      <li className={toneClass[item.tone]} data-kind="system" data-tone={item.tone}>
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
  const time = timeOf(createdAt);
  const frame = kind === "whisper" ? "border border-dashed border-primary/50 bg-primary/5" : "hover:bg-muted/60";

  return (
    <li className={`flex gap-3 rounded-md px-1 py-1.5 ${frame}`} data-kind={item.kind} data-message-kind={kind}>
      <AuthorAvatar user={author} />
      <div className="min-w-0 flex-1">
        {kind === "me" ? (
          <p className="flex min-w-0 flex-wrap items-baseline gap-x-1 italic">
            <span aria-hidden="true">*</span>
            <Name user={author} onUserClick={onUserClick} />
            <span className={`min-w-0 whitespace-pre-wrap wrap-anywhere ${item.kind === "pending" ? "opacity-60" : ""}`}>{body}</span>
            <time dateTime={createdAt} title={time.full} className="ml-1 text-xs not-italic text-muted-foreground">
              {time.short}
            </time>
          </p>
        ) : (
          <>
            <p className="flex flex-wrap items-baseline gap-x-2">
              <Name user={author} onUserClick={onUserClick} />
              {whisperLabel ? <span className="text-xs font-medium text-primary">{whisperLabel}</span> : null}
              <time dateTime={createdAt} title={time.full} className="text-xs text-muted-foreground">
                {time.short}
              </time>
              {message && !message.removed && message.author.id !== meId ? <ReportButton onReport={(reason, note) => onReport(message.id, reason, note)} /> : null}
            </p>
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
                <button type="button" className="font-medium underline" onClick={() => onRetry(item.clientId)}>
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
