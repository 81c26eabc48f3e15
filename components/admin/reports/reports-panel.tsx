"use client";

import { useState } from "react";
import { ErrorNotice } from "@/components/admin/error-notice";
import { ReportCard } from "@/components/admin/reports/report-card";
import type { Resolution } from "@/components/admin/reports/resolve-report-dialog";
import { ResolveReportDialog } from "@/components/admin/reports/resolve-report-dialog";
import { SectionHeader } from "@/components/admin/section-header";
import { StatusLine } from "@/components/admin/status-line";
import type { ReportQueueItem } from "@/components/admin/types";
import { Button } from "@/components/ui/button";
import { useHttp } from "@/lib/client/use-http";

export function ReportsPanel() {
  const { data, error, isLoading, isValidating, mutate } = useHttp<{ queue: ReportQueueItem[] }>("/api/admin/reports", { refreshInterval: 15_000 });
  const reload = () => void mutate();
  const [resolving, setResolving] = useState<{ item: ReportQueueItem; action: Resolution } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const queue = data?.queue ?? [];

  return (
    <div className="flex flex-col gap-3">
      <SectionHeader title="Reports">
        <Button variant="outline" size="sm" type="button" onClick={reload} disabled={isValidating}>
          {isValidating ? "Refreshing…" : "Refresh"}
        </Button>
      </SectionHeader>
      <StatusLine
        text={
          done ?? (isLoading ? "Loading the report queue…" : data ? `${queue.length} reported ${queue.length === 1 ? "message" : "messages"} waiting.` : null)
        }
        tone={done ? "success" : "neutral"}
      />
      {error ? <ErrorNotice error={error} onRetry={reload} /> : null}
      {data && queue.length === 0 ? <p className="text-sm">No open reports. New ones appear here when people report messages from the chat.</p> : null}
      <div className="flex flex-col gap-4">
        {queue.map((item) => (
          <ReportCard
            key={item.messageId}
            item={item}
            onResolve={(target, action) => {
              setDone(null);
              setResolving({ item: target, action });
            }}
          />
        ))}
      </div>
      {resolving ? (
        <ResolveReportDialog
          key={`${resolving.item.messageId}-${resolving.action}`}
          item={resolving.item}
          action={resolving.action}
          onClose={() => setResolving(null)}
          onDone={(sentence) => {
            setResolving(null);
            setDone(sentence);
          }}
        />
      ) : null}
    </div>
  );
}
