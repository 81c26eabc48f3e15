"use client";

import type { ConsoleColumn } from "@/components/admin/data-table";
import { DataTable, useConsoleTable } from "@/components/admin/data-table";
import { ErrorNotice } from "@/components/admin/error-notice";
import { SectionHeader } from "@/components/admin/section-header";
import { StatusLine } from "@/components/admin/status-line";
import type { SpamEvent } from "@/components/admin/types";
import { Button } from "@/components/ui/button";
import { formatDateTime } from "@/lib/shared/format-time";
import { useHttp } from "@/lib/client/use-http";

const columns: ConsoleColumn<SpamEvent>[] = [
  { id: "when", header: "When", meta: { className: "whitespace-nowrap" }, cell: ({ row }) => formatDateTime(row.original.createdAt) },
  { id: "user", header: "User", cell: ({ row }) => `@${row.original.username}` },
  { id: "rule", header: "Rule", cell: ({ row }) => row.original.rule },
  { id: "counts", header: "Counts", cell: ({ row }) => row.original.counts },
  { id: "outcome", header: "Outcome", cell: ({ row }) => row.original.outcome },
];

const NONE: SpamEvent[] = [];

/** Every automatic action (warnings, auto-bans, blocked words), newest first: the latest ones, one page. */
export function SpamPanel() {
  const { data, error, isLoading, isValidating, mutate } = useHttp<{ events: SpamEvent[] }>("/api/admin/spam");
  const events = data?.events ?? NONE;
  const table = useConsoleTable({ data: events, columns, getRowId: (e) => String(e.id), page: 1, pageCount: 1, onPage: () => undefined });
  const reload = () => void mutate();
  return (
    <div className="flex flex-col gap-3">
      <SectionHeader title="Spam log">
        <Button variant="outline" size="sm" type="button" onClick={reload} disabled={isValidating}>
          {isValidating ? "Refreshing…" : "Refresh"}
        </Button>
      </SectionHeader>
      <StatusLine text={isLoading ? "Loading the spam log…" : data ? `The latest ${events.length} automatic actions.` : null} />
      {error ? <ErrorNotice error={error} onRetry={reload} /> : null}
      {data && events.length === 0 ? <p className="text-sm">No automatic actions yet. Flood, duplicate and word-filter hits will show here.</p> : null}
      {events.length > 0 ? <DataTable table={table} label="Spam events" busy={isValidating} className="min-w-[40rem]" /> : null}
    </div>
  );
}
