"use client";

import type { ReactNode } from "react";
import { Sheet, SheetContent, SheetTitle } from "@/components/ui/sheet";

/** The phone drawer: a modal Sheet, so focus is trapped inside and Escape closes it. */
export function DrawerSheet({ side, label, onClose, children }: { side: "left" | "right"; label: string; onClose: () => void; children: ReactNode }) {
  return (
    <Sheet open onOpenChange={(next) => (next ? undefined : onClose())}>
      <SheetContent side={side} closeLabel={`Close ${label.toLowerCase()}`} aria-describedby={undefined} className="gap-0 bg-sidebar pt-10 md:hidden">
        <SheetTitle className="sr-only">{label}</SheetTitle>
        {children}
      </SheetContent>
    </Sheet>
  );
}
