"use client";

import { useState } from "react";
import { formatNumber } from "@/lib/shared/format-time";
import { ConfirmDialog } from "@/components/admin/confirm-dialog";
import { formatMinutes } from "@/components/admin/format";
import { ReasonField } from "@/components/admin/reason-field";
import type { ReportQueueItem } from "@/components/admin/types";
import { useMutation } from "@/components/admin/use-mutation";
import type { DurationChoice } from "@/components/admin/users/duration-field";
import { DurationField, minutesOf } from "@/components/admin/users/duration-field";

export type Resolution = "delete" | "timeout" | "ban" | "dismiss";

const SPEC: Record<Resolution, { title: string; confirm: string; busy: string; note: string; max?: number }> = {
  delete: {
    title: "Delete the reported message?",
    confirm: "Delete message",
    busy: "Deleting…",
    note: "It is replaced by “message removed by a moderator” for everyone, and the reports are closed.",
  },
  timeout: {
    title: "Time out the author?",
    confirm: "Time out author",
    busy: "Timing out…",
    note: "They can read but not send until it ends; the reports are closed.",
    max: 40_320,
  },
  ban: {
    title: "Ban the author?",
    confirm: "Ban author",
    busy: "Banning…",
    note: "Their sessions end now and they see the reason; the reports are closed.",
    max: 525_600,
  },
  dismiss: {
    title: "Dismiss these reports?",
    confirm: "Dismiss reports",
    busy: "Dismissing…",
    note: "Nothing happens to the message or its author; the reports leave the queue.",
  },
};

export function ResolveReportDialog({
  item,
  action,
  onDone,
  onClose,
}: {
  item: ReportQueueItem;
  action: Resolution;
  onDone: (sentence: string) => void;
  onClose: () => void;
}) {
  const spec = SPEC[action];
  const { busy, error, run } = useMutation(["/api/admin/reports", "/api/admin/messages", "/api/admin/users", "/api/admin/stats", "/api/admin/audit"]);
  const [reason, setReason] = useState("");
  const [choice, setChoice] = useState<DurationChoice>(action === "ban" ? "permanent" : 60);
  const [custom, setCustom] = useState("");
  const [durationError, setDurationError] = useState<string | undefined>();
  const author = item.message.author.displayName;

  const confirm = async () => {
    const picked = spec.max ? minutesOf(choice, custom, spec.max) : "permanent";
    if (picked === null) {
      setDurationError(`Give whole minutes, 1 to ${formatNumber(spec.max ?? 0)}.`);
      return;
    }
    setDurationError(undefined);
    const minutes = typeof picked === "number" ? picked : undefined;
    const reportId = item.reports[0]?.id;
    const done = await run<{ closed: number }>("/api/admin/reports", "POST", { reportId, action, minutes, reason: reason.trim() });
    if (!done) return;
    const what = {
      delete: "Message removed",
      timeout: `${author} timed out for ${formatMinutes(minutes ?? 10)}`,
      ban: `${author} banned${minutes ? ` for ${formatMinutes(minutes)}` : " permanently"}`,
      dismiss: "Dismissed",
    }[action];
    onDone(`${what}; ${done.closed} ${done.closed === 1 ? "report" : "reports"} closed.`);
  };

  return (
    <ConfirmDialog
      open
      title={spec.title}
      confirmLabel={spec.confirm}
      busyLabel={spec.busy}
      busy={busy}
      danger={action !== "dismiss"}
      error={error}
      onConfirm={() => void confirm()}
      onClose={onClose}
    >
      <blockquote className="rounded-md border-l-4 border-border bg-muted px-3 py-2 text-sm whitespace-pre-wrap break-words">
        <span className="font-medium">{author}</span> in {item.roomName}: {item.message.body}
      </blockquote>
      <p className="text-sm text-muted-foreground">{spec.note}</p>
      {spec.max ? (
        <DurationField
          choice={choice}
          custom={custom}
          max={spec.max}
          allowPermanent={action === "ban"}
          onChoice={setChoice}
          onCustom={setCustom}
          error={durationError}
        />
      ) : null}
      <ReasonField
        value={reason}
        onChange={setReason}
        note={action === "ban" || action === "timeout" ? "The author sees this reason; it is also saved in the audit log." : undefined}
      />
    </ConfirmDialog>
  );
}
