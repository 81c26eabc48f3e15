import { formatDetails } from "@/components/admin/format";
import { formatDateTime } from "@/lib/shared/format-time";
import { ScrollTable } from "@/components/admin/scroll-table";
import type { AuditRow } from "@/components/admin/types";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";

const DETAILS_MAX = 160;

/** Read-only rows: the audit log has no edit or delete anywhere, by design. */
export function AuditTable({ rows, busy }: { rows: AuditRow[]; busy: boolean }) {
  return (
    <ScrollTable label="Audit log entries" busy={busy}>
      <Table className="min-w-[48rem]">
        <TableHeader>
          <TableRow>
            {["When", "Actor", "Action", "Target", "Reason", "Details"].map((h) => (
              <TableHead key={h} scope="col">
                {h}
              </TableHead>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((r) => {
            const details = formatDetails(r.details);
            return (
              <TableRow key={r.id} data-action={r.action}>
                <TableCell className="whitespace-nowrap">{formatDateTime(r.createdAt)}</TableCell>
                <TableCell>{r.actorName === "system" ? "system" : `@${r.actorName}`}</TableCell>
                <TableCell className="whitespace-nowrap font-medium">{r.action}</TableCell>
                <TableCell>{r.targetName ? `@${r.targetName}` : "—"}</TableCell>
                <TableCell className="max-w-xs break-words">{r.reason || "—"}</TableCell>
                <TableCell className="max-w-sm break-words text-xs text-muted-foreground" title={details.length > DETAILS_MAX ? details : undefined}>
                  {details.length > DETAILS_MAX ? `${details.slice(0, DETAILS_MAX)}…` : details || "—"}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </ScrollTable>
  );
}
