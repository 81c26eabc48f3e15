import type { Resolution } from "@/components/admin/reports/resolve-report-dialog";
import type { ReportQueueItem } from "@/components/admin/types";
import { Button } from "@/components/ui/button";

/** The four ways out of the queue; Delete is gone once the message already is. */
export function ResolveActions({ item, onResolve }: { item: ReportQueueItem; onResolve: (item: ReportQueueItem, action: Resolution) => void }) {
  const who = `@${item.message.author.username}`;
  return (
    <div role="group" aria-label="Resolve" className="flex flex-wrap gap-2">
      {!item.message.removed ? (
        <Button variant="destructive" size="sm" type="button" onClick={() => onResolve(item, "delete")}>
          Delete message
        </Button>
      ) : null}
      <Button variant="destructive" size="sm" type="button" onClick={() => onResolve(item, "timeout")} aria-label={`Time out ${who}`}>
        Timeout author
      </Button>
      <Button variant="destructive" size="sm" type="button" onClick={() => onResolve(item, "ban")} aria-label={`Ban ${who}`}>
        Ban author
      </Button>
      <Button variant="outline" size="sm" type="button" onClick={() => onResolve(item, "dismiss")}>
        Dismiss
      </Button>
    </div>
  );
}
