"use client";

import { ErrorNotice } from "@/components/admin/error-notice";
import { formatDateTime } from "@/components/admin/format";
import { ScrollTable } from "@/components/admin/scroll-table";
import { SectionHeader } from "@/components/admin/section-header";
import { StatusLine } from "@/components/admin/status-line";
import { quietButton, table, td, th } from "@/components/admin/styles";
import type { SpamEvent } from "@/components/admin/types";
import { useAdminData } from "@/components/admin/use-admin-data";

/** Every automatic action (warnings, auto-bans, blocked words), newest first. */
export function SpamPanel() {
  const { data, error, loading, reload } = useAdminData<{ events: SpamEvent[] }>("/api/admin/spam");
  const events = data?.events ?? [];
  return (
    <div className="flex flex-col gap-3">
      <SectionHeader title="Spam log">
        <button type="button" className={quietButton} onClick={reload} disabled={loading}>
          {loading ? "Refreshing…" : "Refresh"}
        </button>
      </SectionHeader>
      <StatusLine text={loading && !data ? "Loading the spam log…" : data ? `The latest ${events.length} automatic actions.` : null} />
      {error ? <ErrorNotice error={error} onRetry={reload} /> : null}
      {data && events.length === 0 ? <p className="text-sm">No automatic actions yet. Flood, duplicate and word-filter hits will show here.</p> : null}
      {events.length > 0 ? (
        <ScrollTable label="Spam events" busy={loading}>
          <table className={table}>
            <thead>
              <tr>
                {["When", "User", "Rule", "Counts", "Outcome"].map((h) => (
                  <th key={h} scope="col" className={th}>
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {events.map((e) => (
                <tr key={e.id}>
                  <td className={`${td} whitespace-nowrap`}>{formatDateTime(e.createdAt)}</td>
                  <td className={td}>@{e.username}</td>
                  <td className={td}>{e.rule}</td>
                  <td className={td}>{e.counts}</td>
                  <td className={td}>{e.outcome}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      ) : null}
    </div>
  );
}
