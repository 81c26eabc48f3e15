"use client";

import { useState } from "react";
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
} from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import { excerpt } from "@/lib/shared/schemas/limits";
import type { ChatMessage } from "@/lib/shared/types";

/**
 * "Delete this message?" before a message is taken back. Its author deletes it for
 * everyone; a moderator removing someone else's message is logged in the audit log.
 * Loaded on first use (Radix stays out of the chat's first load).
 */
export function DeleteMessageDialog({
  message,
  asModerator,
  onConfirm,
  onClose,
}: {
  message: ChatMessage;
  asModerator: boolean;
  onConfirm: () => Promise<string | null>;
  onClose: () => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const shown = excerpt(message.body, 120);
  return (
    <AlertDialog open onOpenChange={(open) => (open ? undefined : onClose())}>
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle>{asModerator ? `Remove ${message.author.displayName}'s message?` : "Delete this message?"}</AlertDialogTitle>
          <AlertDialogDescription>
            {asModerator
              ? "Everyone will see “message removed by a moderator” in its place. The removal is recorded in the audit log."
              : "Everyone will see “message deleted” in its place. This can't be undone."}
          </AlertDialogDescription>
        </AlertDialogHeader>
        <blockquote className="max-h-32 overflow-auto whitespace-pre-wrap wrap-anywhere rounded-md border-l-2 border-border bg-muted px-3 py-2 text-sm">
          {shown}
        </blockquote>
        {error ? (
          <p role="alert" className="text-sm text-destructive">
            {error}
          </p>
        ) : null}
        <AlertDialogFooter>
          <AlertDialogCancel disabled={busy}>Cancel</AlertDialogCancel>
          <Button
            variant="destructive"
            disabled={busy}
            onClick={async () => {
              setBusy(true);
              const refused = await onConfirm();
              setBusy(false);
              if (refused) setError(refused);
              else onClose();
            }}
          >
            {busy ? "Deleting…" : asModerator ? "Remove" : "Delete"}
          </Button>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
