"use client";

import { useState } from "react";
import type { AuditFilter } from "@/components/admin/audit/audit-filters";
import { AuditFilters } from "@/components/admin/audit/audit-filters";
import { AuditTable } from "@/components/admin/audit/audit-table";
import { ErrorNotice } from "@/components/admin/error-notice";
import { SectionHeader } from "@/components/admin/section-header";
import { StatusLine } from "@/components/admin/status-line";
import type { AuditRow } from "@/components/admin/types";
import { useHttp } from "@/lib/client/use-http";

export function AuditPanel() {
  const [filter, setFilter] = useState<AuditFilter>({ action: "", actor: "", target: "" });
  const [page, setPage] = useState(1);
  const params = new URLSearchParams({ page: String(page) });
  for (const [key, value] of Object.entries(filter)) if (value) params.set(key, value);
  const { data, error, isValidating: loading, mutate } = useHttp<{ rows: AuditRow[]; hasMore: boolean }>(`/api/admin/audit?${params}`);
  const filtered = Object.values(filter).some(Boolean);

  return (
    <div className="flex flex-col gap-3">
      <SectionHeader title="Audit log">
        <span className="text-sm text-muted-foreground">Every moderator action; read-only.</span>
      </SectionHeader>
      <AuditFilters
        value={filter}
        busy={loading}
        onApply={(next) => {
          setFilter(next);
          setPage(1);
        }}
      />
      <StatusLine text={loading ? "Loading the audit log…" : null} />
      {error ? <ErrorNotice error={error} onRetry={() => void mutate()} /> : null}
      {data && data.rows.length === 0 ? (
        <p className="text-sm">{filtered ? "Nothing matches these filters. Clear them to see everything." : "No moderator actions yet."}</p>
      ) : null}
      {data && data.rows.length > 0 ? <AuditTable rows={data.rows} page={page} hasMore={data.hasMore} busy={loading} onPage={setPage} /> : null}
    </div>
  );
}
