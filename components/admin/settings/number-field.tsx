import { useId } from "react";
import { inputClass } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

/** A labelled whole-number input with its unit, hint and error read out by screen readers. */
export function NumberField({
  label,
  unit,
  hint,
  value,
  error,
  onChange,
}: {
  label: string;
  unit: string;
  hint: string;
  value: string;
  error?: string;
  onChange: (value: string) => void;
}) {
  const id = useId();
  const note = error ?? hint;
  return (
    <div className="flex flex-col gap-1">
      <Label htmlFor={id}>
        {label}
        {unit ? <span className="font-normal text-muted-foreground"> ({unit})</span> : null}
      </Label>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        step={1}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={note ? `${id}-note` : undefined}
        className={`${inputClass} w-40`}
      />
      {note ? (
        <p id={`${id}-note`} className={error ? "text-sm text-destructive" : "text-xs text-muted-foreground"}>
          {note}
        </p>
      ) : null}
    </div>
  );
}
