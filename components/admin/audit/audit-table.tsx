import { formatDateTime, formatDetails } from "@/components/admin/format";
import { ScrollTable } from "@/components/admin/scroll-table";
import { table, td, th } from "@/components/admin/styles";
import type { AuditRow } from "@/components/admin/types";

const DETAILS_MAX = 160;

/** Read-only rows: the audit log has no edit or delete anywhere, by design. */
export function AuditTable({ rows, busy }: { rows: AuditRow[]; busy: boolean }) {
  return (
    <ScrollTable label="Audit log entries" busy={busy}>
      <table className={`${table} min-w-[48rem]`}>
        <thead>
          <tr>
            {["When", "Actor", "Action", "Target", "Reason", "Details"].map((h) => (
              <th key={h} scope="col" className={th}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const details = formatDetails(r.details);
            return (
              <tr key={r.id} data-action={r.action}>
                <td className={`${td} whitespace-nowrap`}>{formatDateTime(r.createdAt)}</td>
                <td className={td}>{r.actorName === "system" ? "system" : `@${r.actorName}`}</td>
                <td className={`${td} whitespace-nowrap font-medium`}>{r.action}</td>
                <td className={td}>{r.targetName ? `@${r.targetName}` : "—"}</td>
                <td className={`${td} max-w-xs break-words`}>{r.reason || "—"}</td>
                <td className={`${td} max-w-sm break-words text-xs text-zinc-600 dark:text-zinc-400`} title={details.length > DETAILS_MAX ? details : undefined}>
                  {details.length > DETAILS_MAX ? `${details.slice(0, DETAILS_MAX)}…` : details || "—"}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </ScrollTable>
  );
}
