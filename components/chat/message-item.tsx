import { useResolvedUser } from "@/components/chat/profile-overrides";
import { ReportButton, type ReportReason } from "@/components/chat/report-button";
import { AvatarImage } from "@/components/profile/avatar-image";
import { deliveryText } from "@/lib/client/command-output";
import type { StreamItem } from "@/lib/client/chat-state";
import type { PublicUser } from "@/lib/types";

function timeOf(iso: string) {
  const d = new Date(iso);
  return { short: d.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" }), full: d.toLocaleString() };
}

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
  output: "my-1 whitespace-pre-wrap wrap-anywhere rounded-md border border-zinc-200 bg-zinc-50 px-3 py-2 text-sm text-zinc-700 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-200",
  error: "my-1 whitespace-pre-wrap wrap-anywhere rounded-md bg-red-50 px-3 py-2 text-sm text-red-700 dark:bg-red-950 dark:text-red-300",
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
  const frame = kind === "whisper" ? "border border-dashed border-fuchsia-400 bg-fuchsia-50 dark:border-fuchsia-700 dark:bg-fuchsia-950/40" : "hover:bg-zinc-50 dark:hover:bg-zinc-900";

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
              {whisperLabel ? <span className="text-xs font-medium text-fuchsia-700 dark:text-fuchsia-300">{whisperLabel}</span> : null}
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
                {d.online ? "✓ " : "⏳ "}
                {deliveryText(d)}
              </li>
            ))}
          </ul>
        ) : null}
        {item.kind === "pending" ? (
          item.status === "failed" ? (
            <p className="text-sm text-red-600 wrap-anywhere dark:text-red-400" role="alert" data-retryable={item.retryable ? "true" : "false"}>
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
