"use client";

import { useState } from "react";
import { ErrorNotice } from "@/components/admin/error-notice";
import { RateChart } from "@/components/admin/dashboard/rate-chart";
import { StatCard } from "@/components/admin/dashboard/stat-card";
import { SectionHeader } from "@/components/admin/section-header";
import type { Stats } from "@/components/admin/types";
import { formatTime } from "@/lib/shared/format-time";
import { useHttp } from "@/lib/client/use-http";

const POLL_MS = 5000;

export function DashboardPanel() {
  const [updatedAt, setUpdatedAt] = useState<number | null>(null);
  // A failed poll keeps the last numbers on screen; SWR retries every 5 s until the server answers.
  const { data, error, mutate } = useHttp<Stats>("/api/admin/stats", {
    refreshInterval: POLL_MS,
    errorRetryInterval: POLL_MS,
    onSuccess: () => setUpdatedAt(Date.now()),
  });
  const reload = () => void mutate();
  const live = error ? "Live updates paused — retrying every 5 s." : updatedAt ? `Updating live · last update ${formatTime(updatedAt)}` : "Loading…";
  return (
    <div>
      <SectionHeader title="Dashboard">
        <p className="flex items-center gap-2 text-sm text-muted-foreground">
          <span aria-hidden="true" className={`h-2 w-2 rounded-full ${error ? "bg-warning" : "animate-pulse bg-success"}`} />
          {live}
        </p>
      </SectionHeader>
      {error ? <ErrorNotice error={error} onRetry={reload} className="mb-4" /> : null}
      <ul className="mb-6 grid grid-cols-2 gap-3 lg:grid-cols-5" aria-label="Current numbers">
        <StatCard label="Online now" value={data?.online ?? null} href="/admin/users" linkLabel="See users" />
        <StatCard label="Active bans" value={data?.activeBans ?? null} href="/admin/users" linkLabel="Manage users" />
        <StatCard label="Active timeouts" value={data?.activeTimeouts ?? null} href="/admin/users" linkLabel="Manage users" />
        <StatCard label="Spam events (24 h)" value={data?.spam24h ?? null} href="/admin/spam" linkLabel="Open the spam log" />
        <StatCard label="Open reports" value={data?.openReports ?? null} href="/admin/reports" linkLabel="Review reports" />
      </ul>
      <section aria-labelledby="rate-title" className="rounded-xl border border-border bg-card p-4 text-card-foreground">
        <h2 id="rate-title" className="mb-2 font-semibold">
          Messages per minute, last hour
        </h2>
        {data ? <RateChart points={data.messagesPerMinute} /> : <p className="text-sm text-muted-foreground">Loading the chart…</p>}
      </section>
    </div>
  );
}
