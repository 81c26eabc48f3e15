"use client";

import dynamic from "next/dynamic";
import type { ReactNode } from "react";

// Radix Dialog loads the first time a drawer opens, not with the chat page.
const DrawerSheet = dynamic(() => import("@/components/chat/drawer-sheet").then((m) => m.DrawerSheet), { ssr: false });

/** Sidebar on wide screens; a modal drawer (focus trapped, Escape closes) on phone-sized ones. */
export function Drawer({
  side,
  label,
  open,
  onClose,
  children,
}: {
  side: "left" | "right";
  label: string;
  open: boolean;
  onClose: () => void;
  children: ReactNode;
}) {
  return (
    <>
      <aside
        aria-label={label}
        className={`hidden w-60 shrink-0 overflow-y-auto border-border bg-sidebar md:block ${side === "left" ? "border-r" : "border-l"}`}
      >
        {children}
      </aside>
      {open ? (
        <DrawerSheet side={side} label={label} onClose={onClose}>
          {children}
        </DrawerSheet>
      ) : null}
    </>
  );
}
