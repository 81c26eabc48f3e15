"use client";

import { useId, useState, type FormEvent } from "react";

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
        <button type="button" onClick={() => setOpen((o) => !o)} className="text-xs text-muted-foreground opacity-70 hover:underline hover:opacity-100 focus:opacity-100 dark:text-zinc-400" aria-expanded={open}>
          Report
        </button>
      )}
      {open ? (
        <form onSubmit={submit} className="mt-1 flex flex-wrap items-end gap-2 rounded-md border border-zinc-200 p-2 text-sm dark:border-zinc-700" aria-label="Report this message">
          <label className="flex flex-col text-xs" htmlFor={`${id}-reason`}>
            Reason
            <select id={`${id}-reason`} name="reason" className="rounded border border-zinc-300 bg-white px-1 py-0.5 dark:border-zinc-700 dark:bg-zinc-900" defaultValue="spam">
              <option value="spam">Spam</option>
              <option value="abuse">Abuse</option>
              <option value="other">Other</option>
            </select>
          </label>
          <label className="flex flex-1 flex-col text-xs" htmlFor={`${id}-note`}>
            Note (optional)
            <input id={`${id}-note`} name="note" maxLength={500} className="rounded border border-zinc-300 bg-white px-1 py-0.5 dark:border-zinc-700 dark:bg-zinc-900" />
          </label>
          <button type="submit" disabled={busy} className="rounded bg-destructive px-2 py-1 text-xs font-medium text-white disabled:opacity-60">
            {busy ? "Sending…" : "Send report"}
          </button>
          <button type="button" onClick={() => setOpen(false)} className="text-xs underline">
            Cancel
          </button>
          {result && !result.ok ? <span role="alert" className="w-full text-xs text-destructive">{result.text}</span> : null}
        </form>
      ) : null}
    </span>
  );
}
