"use client";

import { ErrorNotice } from "@/components/admin/error-notice";
import { formatDateTime } from "@/lib/shared/format-time";
import { ScrollTable } from "@/components/admin/scroll-table";
import { SectionHeader } from "@/components/admin/section-header";
import { StatusLine } from "@/components/admin/status-line";
import type { SpamEvent } from "@/components/admin/types";
import { useAdminData } from "@/components/admin/use-admin-data";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";

/** Every automatic action (warnings, auto-bans, blocked words), newest first. */
export function SpamPanel() {
  const { data, error, loading, reload } = useAdminData<{ events: SpamEvent[] }>("/api/admin/spam");
  const events = data?.events ?? [];
  return (
    <div className="flex flex-col gap-3">
      <SectionHeader title="Spam log">
        <Button variant="outline" size="sm" type="button" onClick={reload} disabled={loading}>
          {loading ? "Refreshing…" : "Refresh"}
        </Button>
      </SectionHeader>
      <StatusLine text={loading && !data ? "Loading the spam log…" : data ? `The latest ${events.length} automatic actions.` : null} />
      {error ? <ErrorNotice error={error} onRetry={reload} /> : null}
      {data && events.length === 0 ? <p className="text-sm">No automatic actions yet. Flood, duplicate and word-filter hits will show here.</p> : null}
      {events.length > 0 ? (
        <ScrollTable label="Spam events" busy={loading}>
          <Table className="min-w-[40rem]">
            <TableHeader>
              <TableRow>
                {["When", "User", "Rule", "Counts", "Outcome"].map((h) => (
                  <TableHead key={h} scope="col">
                    {h}
                  </TableHead>
                ))}
              </TableRow>
            </TableHeader>
            <TableBody>
              {events.map((e) => (
                <TableRow key={e.id}>
                  <TableCell className="whitespace-nowrap">{formatDateTime(e.createdAt)}</TableCell>
                  <TableCell>@{e.username}</TableCell>
                  <TableCell>{e.rule}</TableCell>
                  <TableCell>{e.counts}</TableCell>
                  <TableCell>{e.outcome}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </ScrollTable>
      ) : null}
    </div>
  );
}
