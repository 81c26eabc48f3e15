import { useId } from "react";
import { hint as hintClass, input, label as labelClass } from "@/components/admin/styles";

/** A labelled whole-number input with its unit, hint and error read out by screen readers. */
export function NumberField({ label, unit, hint, value, error, onChange }: { label: string; unit: string; hint: string; value: string; error?: string; onChange: (value: string) => void }) {
  const id = useId();
  const note = error ?? hint;
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className={labelClass}>
        {label}
        {unit ? <span className="font-normal text-zinc-500 dark:text-zinc-400"> ({unit})</span> : null}
      </label>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        step={1}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={note ? `${id}-note` : undefined}
        className={`${input} w-40`}
      />
      {note ? (
        <p id={`${id}-note`} className={error ? "text-sm text-red-600 dark:text-red-400" : hintClass}>
          {note}
        </p>
      ) : null}
    </div>
  );
}
