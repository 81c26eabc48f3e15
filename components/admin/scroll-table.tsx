import type { ReactNode } from "react";

/**
 * Wide tables scroll sideways on a phone; the region is focusable so the keyboard can
 * scroll it too, and named so a screen reader announces what it holds.
 */
export function ScrollTable({ label, busy, children }: { label: string; busy?: boolean; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a region that scrolls sideways must be reachable by keyboard to scroll it (axe: scrollable-region-focusable).
    <div role="region" aria-label={label} aria-busy={busy || undefined} tabIndex={0} className="overflow-x-auto rounded-xl border border-border">
      {children}
    </div>
  );
}
