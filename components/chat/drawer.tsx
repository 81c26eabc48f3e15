"use client";

import type { ReactNode } from "react";
import { Suspense } from "react";
import { lazyComponent } from "@/components/ui/lazy";

/** Radix Dialog is not part of the chat's first load: the chat preloads it when idle (chat-app.tsx). */
export const drawerSheet = lazyComponent(() => import("@/components/chat/drawer-sheet").then((m) => m.DrawerSheet));

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
        <Suspense fallback={null}>
          <drawerSheet.Component side={side} label={label} onClose={onClose}>
            {children}
          </drawerSheet.Component>
        </Suspense>
      ) : null}
    </>
  );
}
