import { useId } from "react";
import { inputClass } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

/** Every moderation action asks why; the reason goes to the audit log (and to the user for bans). */
export function ReasonField({ value, onChange, note, error }: { value: string; onChange: (value: string) => void; note?: string; error?: string }) {
  const id = useId();
  return (
    <div className="flex flex-col gap-1">
      <Label htmlFor={id}>Reason</Label>
      <textarea
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        maxLength={500}
        rows={2}
        aria-describedby={`${id}-hint`}
        aria-invalid={error ? true : undefined}
        className={inputClass}
      />
      <p id={`${id}-hint`} className={error ? "text-sm text-destructive" : "text-xs text-muted-foreground"}>
        {error ?? note ?? "Saved in the audit log."}
      </p>
    </div>
  );
}
