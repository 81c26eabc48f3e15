"use client";

import { FlagIcon } from "lucide-react";
import dynamic from "next/dynamic";
import { useState } from "react";
import { notify } from "@/components/chat/toasts";
import { Button } from "@/components/ui/button";
import type { ReportReason } from "@/lib/shared/schemas/moderation";

export type { ReportReason };

// Radix Dialog is not part of the chat's first load: the form loads when someone first reports.
const ReportDialog = dynamic(() => import("@/components/chat/report-dialog").then((m) => m.ReportDialog), { ssr: false });

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
        <ReportDialog
          author={author}
          onReport={onReport}
          onClose={(done) => {
            setOpen(false);
            if (!done) return;
            setReported(true);
            notify("Reported. A moderator will look at it.");
          }}
        />
      ) : null}
    </>
  );
}
