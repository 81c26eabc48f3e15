"use client";

import { useEffect, useId, useLayoutEffect, useRef, type FormEvent, type ReactNode } from "react";
import type { ApiError } from "@/components/admin/api";
import { ErrorNotice } from "@/components/admin/error-notice";
import { button, dangerButton, quietButton } from "@/components/admin/styles";

interface Props {
  title: string;
  open: boolean;
  /** The confirm button's label ("Ban Bob") and its label while the request runs ("Banning…"). */
  confirmLabel: string;
  busyLabel: string;
  busy: boolean;
  danger?: boolean;
  error: ApiError | null;
  onConfirm: () => void;
  onClose: () => void;
  children?: ReactNode;
}

/**
 * A native modal <dialog> holding a small form: focus stays inside, Escape cancels
 * (unless a request is running), and the server's refusal is shown in place.
 */
export function ConfirmDialog({ title, open, confirmLabel, busyLabel, busy, danger, error, onConfirm, onClose, children }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  // Parents unmount the dialog when done; closing it first lets the browser restore focus.
  useLayoutEffect(() => {
    const dialog = ref.current;
    return () => {
      if (dialog?.open) dialog.close();
    };
  }, []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!busy) onConfirm();
  };

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        if (!busy) onClose();
      }}
      className="m-auto w-[min(32rem,calc(100vw-2rem))] rounded-xl border border-zinc-200 bg-white p-0 text-zinc-900 shadow-xl backdrop:bg-black/50 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-100"
    >
      {open ? (
        <form onSubmit={submit} aria-busy={busy || undefined} className="flex max-h-[85vh] flex-col gap-4 overflow-y-auto p-4">
          <h2 id={titleId} className="text-lg font-semibold">
            {title}
          </h2>
          {children}
          {error ? <ErrorNotice error={error} /> : null}
          <div className="flex flex-wrap justify-end gap-2">
            <button type="button" className={quietButton} onClick={onClose} disabled={busy}>
              Cancel
            </button>
            <button type="submit" className={danger ? dangerButton : button} disabled={busy}>
              {busy ? busyLabel : confirmLabel}
            </button>
          </div>
        </form>
      ) : null}
    </dialog>
  );
}
