"use client";

import { FlagIcon } from "lucide-react";
import { Suspense, useState } from "react";
import { notify } from "@/components/chat/toasts";
import { Button } from "@/components/ui/button";
import { lazyComponent } from "@/components/ui/lazy";
import type { ReportReason } from "@/lib/shared/schemas/moderation";

export type { ReportReason };

/** Radix Dialog is not part of the chat's first load: the chat preloads the form when idle (chat-app.tsx). */
export const reportDialog = lazyComponent(() => import("@/components/chat/report-dialog").then((m) => m.ReportDialog));

/** "Report" in a message's toolbar: opens the report dialog; one report per message. */
export function ReportButton({
  author,
  tabIndex,
  onReport,
}: {
  author: string;
  tabIndex: number;
  onReport: (reason: ReportReason, note: string) => Promise<string | null>;
}) {
  const [open, setOpen] = useState(false);
  const [reported, setReported] = useState(false);
  return (
    <>
      <Button
        variant="ghost"
        size="sm"
        className="h-7 px-2 text-xs"
        tabIndex={tabIndex}
        aria-disabled={reported || undefined}
        aria-haspopup="dialog"
        onClick={() => setOpen(!reported)}
      >
        <FlagIcon aria-hidden="true" className="size-3.5" />
        {reported ? "Reported" : "Report"}
      </Button>
      {open ? (
        <Suspense fallback={null}>
          <reportDialog.Component
            author={author}
            onReport={onReport}
            onClose={(done) => {
              setOpen(false);
              if (!done) return;
              setReported(true);
              notify("Reported. A moderator will look at it.");
            }}
          />
        </Suspense>
      ) : null}
    </>
  );
}
