"use client";

import { describeDetails } from "@/components/admin/audit/describe-details";
import type { ConsoleColumn } from "@/components/admin/data-table";
import { DataTable, TablePager, useConsoleTable } from "@/components/admin/data-table";
import type { AuditRow } from "@/components/admin/types";
import { formatDateTime } from "@/lib/shared/format-time";

const LINE_MAX = 160;
const clip = (line: string) => (line.length > LINE_MAX ? `${line.slice(0, LINE_MAX)}…` : line);

const columns: ConsoleColumn<AuditRow>[] = [
  { id: "when", header: "When", meta: { className: "whitespace-nowrap" }, cell: ({ row }) => formatDateTime(row.original.createdAt) },
  { id: "actor", header: "Actor", cell: ({ row }) => (row.original.actorName === "system" ? "system" : `@${row.original.actorName}`) },
  { id: "action", header: "Action", meta: { className: "whitespace-nowrap font-medium" }, cell: ({ row }) => row.original.action },
  { id: "target", header: "Target", cell: ({ row }) => (row.original.targetName ? `@${row.original.targetName}` : "—") },
  { id: "reason", header: "Reason", meta: { className: "max-w-xs break-words" }, cell: ({ row }) => row.original.reason || "—" },
  {
    id: "details",
    header: "Details",
    meta: { className: "max-w-sm break-words text-xs text-muted-foreground" },
    cell: ({ row }) => {
      const lines = describeDetails(row.original.action, row.original.details);
      if (lines.length === 0) return "—";
      return (
        <ul className="flex flex-col gap-0.5">
          {lines.map((line, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: one entry's lines, rendered in a fixed order that never changes.
            <li key={i} title={line.length > LINE_MAX ? line : undefined}>
              {clip(line)}
            </li>
          ))}
        </ul>
      );
    },
  },
];

/** Read-only rows: the audit log has no edit or delete anywhere, by design. */
export function AuditTable({
  rows,
  page,
  hasMore,
  busy,
  onPage,
}: {
  rows: AuditRow[];
  page: number;
  hasMore: boolean;
  busy: boolean;
  onPage: (page: number) => void;
}) {
  const table = useConsoleTable({ data: rows, columns, getRowId: (r) => String(r.id), page, pageCount: hasMore ? page + 1 : page, onPage });
  return (
    <>
      <DataTable table={table} label="Audit log entries" busy={busy} className="min-w-[48rem]" rowProps={(r) => ({ "data-action": r.action })} />
      <TablePager table={table} label="Audit log pages" busy={busy} />
    </>
  );
}
