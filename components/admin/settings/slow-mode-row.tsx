"use client";

import type { FormEvent } from "react";
import { useId, useState } from "react";
import { ErrorNotice } from "@/components/admin/error-notice";
import type { SlowModeRoom } from "@/components/admin/types";
import { useMutation } from "@/components/admin/use-mutation";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/input";
import { TableCell, TableHead, TableRow } from "@/components/ui/table";

/** One room's slow mode, saved on its own: moderators may change it, live for everyone. */
export function SlowModeRow({ room }: { room: SlowModeRoom }) {
  const id = useId();
  const [value, setValue] = useState(String(room.slowModeSeconds));
  const [saved, setSaved] = useState<string | null>(null);
  const { busy, error, run, reset } = useMutation(["/api/admin/slow-mode", "/api/admin/audit"]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(null);
    reset();
    const seconds = Number(value);
    const done = await run("/api/admin/slow-mode", "PUT", { roomId: room.id, seconds: Number.isInteger(seconds) ? seconds : value });
    if (done) setSaved(seconds === 0 ? "Saved: slow mode off." : `Saved: ${seconds} s between messages.`);
  };

  return (
    <TableRow>
      <TableHead scope="row" className="font-medium">
        <label htmlFor={id}>#{room.name}</label>
      </TableHead>
      <TableCell>
        <form onSubmit={(e) => void submit(e)} className="flex flex-wrap items-center gap-2" aria-label={`Slow mode for #${room.name}`}>
          <input
            id={id}
            type="number"
            min={0}
            max={21_600}
            step={1}
            inputMode="numeric"
            value={value}
            onChange={(e) => setValue(e.target.value)}
            className={`${inputClass} w-28`}
            aria-describedby={`${id}-unit`}
          />
          <span id={`${id}-unit`} className="text-sm">
            seconds
          </span>
          <Button variant="outline" size="sm" type="submit" disabled={busy}>
            {busy ? "Saving…" : "Save"}
          </Button>
          <span role="status" className="text-sm text-success">
            {saved}
          </span>
        </form>
        {error ? <ErrorNotice error={error} className="mt-2" /> : null}
      </TableCell>
    </TableRow>
  );
}
