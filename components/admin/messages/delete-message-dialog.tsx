"use client";

import { useState } from "react";
import { ConfirmDialog } from "@/components/admin/confirm-dialog";
import { ReasonField } from "@/components/admin/reason-field";
import type { ConsoleMessage } from "@/components/admin/types";
import { useMutation } from "@/components/admin/use-mutation";

/** Removes the message for everyone, live; the audit log keeps the reason and the text. */
export function DeleteMessageDialog({ message, onDone, onClose }: { message: ConsoleMessage; onDone: (sentence: string) => void; onClose: () => void }) {
  const { busy, error, run } = useMutation(["/api/admin/messages", "/api/admin/reports", "/api/admin/stats", "/api/admin/audit"]);
  const [reason, setReason] = useState("");
  const confirm = async () => {
    const done = await run("/api/admin/messages", "DELETE", { messageId: message.id, reason: reason.trim() });
    if (done) onDone(`Message by ${message.author.displayName} removed. Everyone now sees “message removed by a moderator”.`);
  };
  return (
    <ConfirmDialog
      open
      title="Delete this message?"
      confirmLabel="Delete message"
      busyLabel="Deleting…"
      busy={busy}
      danger
      error={error}
      onConfirm={() => void confirm()}
      onClose={onClose}
    >
      <blockquote className="rounded-md border-l-4 border-border bg-muted px-3 py-2 text-sm whitespace-pre-wrap break-words">
        <span className="font-medium">{message.author.displayName}</span> in {message.room}: {message.body}
      </blockquote>
      <p className="text-sm text-muted-foreground">It disappears for everyone right away and is replaced by “message removed by a moderator”.</p>
      <ReasonField value={reason} onChange={setReason} />
    </ConfirmDialog>
  );
}
