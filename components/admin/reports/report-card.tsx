import { formatDateTime } from "@/lib/shared/format-time";
import { ResolveActions } from "@/components/admin/reports/resolve-actions";
import { Badge } from "@/components/ui/badge";
import type { Resolution } from "@/components/admin/reports/resolve-report-dialog";
import type { ReportQueueItem } from "@/components/admin/types";

/** One reported message: the conversation around it, who reported it and why, and what to do. */
export function ReportCard({ item, onResolve }: { item: ReportQueueItem; onResolve: (item: ReportQueueItem, action: Resolution) => void }) {
  const headingId = `report-${item.messageId}`;
  const author = item.message.author;
  // Whispers are not part of the room's context query; show the reported message on its own then.
  const context = item.context.some((line) => line.id === item.messageId)
    ? item.context
    : [{ id: item.messageId, body: item.message.body, author: author.username, removed: item.message.removed }];
  return (
    <article
      aria-labelledby={headingId}
      className={`rounded-xl border border-border bg-card p-4 text-card-foreground flex flex-col gap-3`}
      data-message-id={item.messageId}
    >
      <header className="flex flex-wrap items-baseline gap-2">
        <h2 id={headingId} className="font-semibold">
          Message by {author.displayName} (@{author.username}) in {item.roomName}
        </h2>
        <Badge variant="destructive">
          {item.count} {item.count === 1 ? "report" : "reports"}
        </Badge>
        {item.message.removed ? <Badge variant="secondary">already removed</Badge> : null}
        <span className="text-xs text-muted-foreground">sent {formatDateTime(item.message.createdAt)}</span>
      </header>
      <section aria-label="Message in context">
        <ol className="flex flex-col gap-1 text-sm">
          {context.map((line) => {
            const reported = line.id === item.messageId;
            return (
              <li
                key={line.id}
                aria-current={reported ? "true" : undefined}
                className={`rounded-md px-2 py-1 break-words whitespace-pre-wrap ${reported ? "bg-warning/15 ring-1 ring-warning/60" : "text-muted-foreground"}`}
              >
                <span className="font-medium">@{line.author}</span>:{" "}
                {reported ? item.message.body : line.removed ? <em>message removed by a moderator</em> : line.body}
                {reported ? <span className="sr-only"> (the reported message)</span> : null}
              </li>
            );
          })}
        </ol>
      </section>
      <section aria-label="Reporters">
        <ul className="flex flex-col gap-1 text-sm">
          {item.reports.map((r) => (
            <li key={r.id}>
              <span className="font-medium">@{r.reporter}</span> — {r.reason}
              {r.note ? <>: “{r.note}”</> : null} <span className="text-xs text-muted-foreground">({formatDateTime(r.createdAt)})</span>
            </li>
          ))}
        </ul>
      </section>
      <ResolveActions item={item} onResolve={onResolve} />
    </article>
  );
}
