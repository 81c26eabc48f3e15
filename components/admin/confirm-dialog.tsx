"use client";

import type { FormEvent, ReactNode } from "react";
import type { HttpError } from "@/lib/client/http";
import { ErrorNotice } from "@/components/admin/error-notice";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";

interface Props {
  title: string;
  open: boolean;
  /** The confirm button's label ("Ban Bob") and its label while the request runs ("Banning…"). */
  confirmLabel: string;
  busyLabel: string;
  busy: boolean;
  danger?: boolean;
  error: HttpError | null;
  onConfirm: () => void;
  onClose: () => void;
  children?: ReactNode;
}

/**
 * A modal holding a small form: focus stays inside and returns to the opener,
 * Escape or the backdrop cancels (unless a request is running), and the server's
 * refusal is shown in place.
 */
export function ConfirmDialog({ title, open, confirmLabel, busyLabel, busy, danger, error, onConfirm, onClose, children }: Props) {
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!busy) onConfirm();
  };

  return (
    <Dialog open={open} onOpenChange={(next) => (next || busy ? undefined : onClose())}>
      <DialogContent aria-describedby={undefined} closeLabel={null}>
        <form onSubmit={submit} aria-busy={busy || undefined} className="flex flex-col gap-4">
          <DialogHeader>
            <DialogTitle>{title}</DialogTitle>
          </DialogHeader>
          {children}
          {error ? <ErrorNotice error={error} /> : null}
          <DialogFooter>
            <Button variant="outline" onClick={onClose} disabled={busy}>
              Cancel
            </Button>
            <Button type="submit" variant={danger ? "destructive" : "default"} disabled={busy}>
              {busy ? busyLabel : confirmLabel}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
