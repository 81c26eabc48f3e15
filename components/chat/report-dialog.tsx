"use client";

import type { FormEvent } from "react";
import { useId, useState } from "react";
import type { ReportReason } from "@/components/chat/report-button";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { inputClass } from "@/components/ui/input";

/** The report form: a reason and an optional note. Loaded on first use, so Radix Dialog stays out of the first load. */
export function ReportDialog({
  author,
  onReport,
  onClose,
}: {
  author: string;
  onReport: (reason: ReportReason, note: string) => Promise<string | null>;
  onClose: (reported: boolean) => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const id = useId();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    const refused = await onReport(form.get("reason") as ReportReason, String(form.get("note") ?? ""));
    setBusy(false);
    if (refused) setError(refused);
    else onClose(true);
  }

  return (
    <Dialog open onOpenChange={(open) => (open ? undefined : onClose(false))}>
      <DialogContent closeLabel="Cancel report">
        <DialogHeader>
          <DialogTitle>Report this message</DialogTitle>
          <DialogDescription>A moderator will see the message from {author}, your reason and your note.</DialogDescription>
        </DialogHeader>
        <form onSubmit={submit} className="flex flex-col gap-3 text-sm" aria-label="Report this message">
          <label className="flex flex-col gap-1" htmlFor={`${id}-reason`}>
            Reason
            <select id={`${id}-reason`} name="reason" className={cn(inputClass, "py-1")} defaultValue="spam">
              <option value="spam">Spam</option>
              <option value="abuse">Abuse</option>
              <option value="other">Other</option>
            </select>
          </label>
          <label className="flex flex-col gap-1" htmlFor={`${id}-note`}>
            Note (optional)
            <input id={`${id}-note`} name="note" maxLength={500} className={cn(inputClass, "py-1")} />
          </label>
          {error ? (
            <p role="alert" className="text-destructive">
              {error}
            </p>
          ) : null}
          <DialogFooter>
            <Button variant="ghost" onClick={() => onClose(false)}>
              Cancel
            </Button>
            <Button type="submit" variant="destructive" disabled={busy}>
              {busy ? "Sending…" : "Send report"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
