"use client";

import { useId, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { inputClass } from "@/components/ui/input";

export type ReportReason = "spam" | "abuse" | "other";

/** "Report" on someone else's message: a reason, an optional note, one report per message. */
export function ReportButton({ onReport }: { onReport: (reason: ReportReason, note: string) => Promise<string | null> }) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const id = useId();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    const error = await onReport(form.get("reason") as ReportReason, String(form.get("note") ?? ""));
    setBusy(false);
    setResult(error ? { ok: false, text: error } : { ok: true, text: "Reported. A moderator will look at it." });
    if (!error) setOpen(false);
  }

  return (
    <span className="ml-auto">
      {result && !open ? (
        <span role="status" className={`text-xs ${result.ok ? "text-success" : "text-destructive"}`}>
          {result.text}
        </span>
      ) : (
        <Button variant="link" size="sm" onClick={() => setOpen((o) => !o)} className="h-auto p-0 text-xs text-muted-foreground opacity-70 hover:opacity-100 focus:opacity-100" aria-expanded={open}>
          Report
        </Button>
      )}
      {open ? (
        <form onSubmit={submit} className="mt-1 flex flex-wrap items-end gap-2 rounded-md border border-border p-2 text-sm" aria-label="Report this message">
          <label className="flex flex-col text-xs" htmlFor={`${id}-reason`}>
            Reason
            <select id={`${id}-reason`} name="reason" className={cn(inputClass, "px-1 py-0.5 text-sm")} defaultValue="spam">
              <option value="spam">Spam</option>
              <option value="abuse">Abuse</option>
              <option value="other">Other</option>
            </select>
          </label>
          <label className="flex flex-1 flex-col text-xs" htmlFor={`${id}-note`}>
            Note (optional)
            <input id={`${id}-note`} name="note" maxLength={500} className={cn(inputClass, "px-1 py-0.5 text-sm")} />
          </label>
          <Button type="submit" variant="destructive" size="sm" disabled={busy}>
            {busy ? "Sending…" : "Send report"}
          </Button>
          <Button variant="ghost" size="sm" onClick={() => setOpen(false)}>
            Cancel
          </Button>
          {result && !result.ok ? <span role="alert" className="w-full text-xs text-destructive">{result.text}</span> : null}
        </form>
      ) : null}
    </span>
  );
}
