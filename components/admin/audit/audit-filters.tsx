"use client";

import type { FormEvent } from "react";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

export interface AuditFilter {
  action: string;
  actor: string;
  target: string;
}

/** Every action the server records (see lib/server/services/moderation and app/api/admin). */
const ACTIONS = [
  "ban",
  "temp-ban",
  "unban",
  "timeout",
  "end-timeout",
  "kick",
  "force-logout",
  "role",
  "delete-message",
  "resolve-report",
  "dismiss-report",
  "auto-ban",
  "settings",
  "slow-mode",
];

export function AuditFilters({ value, busy, onApply }: { value: AuditFilter; busy: boolean; onApply: (filter: AuditFilter) => void }) {
  const id = useId();
  const [draft, setDraft] = useState(value);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply({ action: draft.action, actor: draft.actor.trim().replace(/^@/, ""), target: draft.target.trim().replace(/^@/, "") });
  };
  const clear = () => {
    const empty = { action: "", actor: "", target: "" };
    setDraft(empty);
    onApply(empty);
  };
  return (
    <form role="search" aria-label="Filter the audit log" onSubmit={submit} className="flex flex-wrap items-end gap-3">
      <div className="flex flex-col gap-1">
        <Label htmlFor={`${id}-action`}>Action</Label>
        <select id={`${id}-action`} value={draft.action} onChange={(e) => setDraft({ ...draft, action: e.target.value })} className={inputClass}>
          <option value="">Any action</option>
          {ACTIONS.map((a) => (
            <option key={a} value={a}>
              {a}
            </option>
          ))}
        </select>
      </div>
      <div className="flex flex-col gap-1">
        <Label htmlFor={`${id}-actor`}>Actor (username)</Label>
        <input id={`${id}-actor`} value={draft.actor} onChange={(e) => setDraft({ ...draft, actor: e.target.value })} maxLength={21} className={inputClass} />
      </div>
      <div className="flex flex-col gap-1">
        <Label htmlFor={`${id}-target`}>Target (username)</Label>
        <input
          id={`${id}-target`}
          value={draft.target}
          onChange={(e) => setDraft({ ...draft, target: e.target.value })}
          maxLength={21}
          className={inputClass}
        />
      </div>
      <Button size="sm" type="submit" disabled={busy}>
        {busy ? "Filtering…" : "Filter"}
      </Button>
      <Button variant="outline" size="sm" type="button" onClick={clear} disabled={busy}>
        Clear
      </Button>
    </form>
  );
}
