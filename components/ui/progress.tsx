import { cn } from "@/components/ui/cn";

/**
 * A determinate progress bar (0–100) that screen readers read out: `label` names it,
 * `valueText` says where it is ("Uploading… 40%") when a bare number would mislead.
 */
export function Progress({ value, label, valueText, className }: { value: number; label: string; valueText?: string; className?: string }) {
  const percent = Math.max(0, Math.min(100, Math.round(value)));
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      aria-valuetext={valueText}
      data-slot="progress"
      className={cn("h-2 w-full overflow-hidden rounded-full bg-muted", className)}
    >
      <div className="h-full bg-primary transition-[width]" style={{ width: `${percent}%` }} />
    </div>
  );
}
