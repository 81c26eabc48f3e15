"use client";

import type { ReactNode } from "react";
import { Sheet, SheetContent, SheetTitle } from "@/components/ui/sheet";

/** Sidebar on wide screens; a modal drawer (focus trapped, Escape closes) on phone-sized ones. */
export function Drawer({ side, label, open, onClose, children }: { side: "left" | "right"; label: string; open: boolean; onClose: () => void; children: ReactNode }) {
  return (
    <>
      <aside aria-label={label} className={`hidden w-60 shrink-0 overflow-y-auto border-border bg-sidebar md:block ${side === "left" ? "border-r" : "border-l"}`}>
        {children}
      </aside>
      <Sheet open={open} onOpenChange={(next) => (next ? undefined : onClose())}>
        <SheetContent side={side} closeLabel={`Close ${label.toLowerCase()}`} aria-describedby={undefined} className="gap-0 bg-sidebar pt-10 md:hidden">
          <SheetTitle className="sr-only">{label}</SheetTitle>
          {children}
        </SheetContent>
      </Sheet>
    </>
  );
}
