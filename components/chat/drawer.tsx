"use client";

import { useEffect, useRef, type ReactNode } from "react";

/** Sidebar on wide screens; a modal drawer on phone-sized ones (Escape closes it). */
export function Drawer({ side, label, open, onClose, children }: { side: "left" | "right"; label: string; open: boolean; onClose: () => void; children: ReactNode }) {
  const panel = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") onClose();
    };
    document.addEventListener("keydown", onKey);
    panel.current?.focus();
    return () => document.removeEventListener("keydown", onKey);
  }, [open, onClose]);

  const edge = side === "left" ? "left-0 border-r" : "right-0 border-l";
  return (
    <>
      <aside aria-label={label} className={`hidden w-60 shrink-0 overflow-y-auto border-zinc-200 bg-zinc-50 md:block dark:border-zinc-800 dark:bg-zinc-900 ${side === "left" ? "border-r" : "border-l"}`}>
        {children}
      </aside>
      {open ? (
        <div className="fixed inset-0 z-40 md:hidden">
          <div aria-hidden="true" className="absolute inset-0 bg-black/40" onClick={onClose} />
          <div ref={panel} role="dialog" aria-modal="true" aria-label={label} tabIndex={-1} className={`absolute top-0 ${edge} h-full w-72 max-w-[85vw] overflow-y-auto border-zinc-200 bg-zinc-50 shadow-xl dark:border-zinc-800 dark:bg-zinc-900`}>
            <div className="flex justify-end p-2">
              <button type="button" onClick={onClose} className="rounded-md px-2 py-1 text-sm hover:bg-zinc-200 dark:hover:bg-zinc-800">
                Close {label.toLowerCase()}
              </button>
            </div>
            {children}
          </div>
        </div>
      ) : null}
    </>
  );
}
