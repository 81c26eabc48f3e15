import type { Resolution } from "@/components/admin/reports/resolve-report-dialog";
import { dangerButton, quietButton } from "@/components/admin/styles";
import type { ReportQueueItem } from "@/components/admin/types";

/** The four ways out of the queue; Delete is gone once the message already is. */
export function ResolveActions({ item, onResolve }: { item: ReportQueueItem; onResolve: (item: ReportQueueItem, action: Resolution) => void }) {
  const who = `@${item.message.author.username}`;
  return (
    <div role="group" aria-label="Resolve" className="flex flex-wrap gap-2">
      {!item.message.removed ? (
        <button type="button" className={dangerButton} onClick={() => onResolve(item, "delete")}>
          Delete message
        </button>
      ) : null}
      <button type="button" className={dangerButton} onClick={() => onResolve(item, "timeout")} aria-label={`Time out ${who}`}>
        Timeout author
      </button>
      <button type="button" className={dangerButton} onClick={() => onResolve(item, "ban")} aria-label={`Ban ${who}`}>
        Ban author
      </button>
      <button type="button" className={quietButton} onClick={() => onResolve(item, "dismiss")}>
        Dismiss
      </button>
    </div>
  );
}
