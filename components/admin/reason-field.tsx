import { useId } from "react";
import { hint, input, label } from "@/components/admin/styles";

/** Every moderation action asks why; the reason goes to the audit log (and to the user for bans). */
export function ReasonField({ value, onChange, note, error }: { value: string; onChange: (value: string) => void; note?: string; error?: string }) {
  const id = useId();
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className={label}>
        Reason
      </label>
      <textarea
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        maxLength={500}
        rows={2}
        aria-describedby={`${id}-hint`}
        aria-invalid={error ? true : undefined}
        className={input}
      />
      <p id={`${id}-hint`} className={error ? "text-sm text-red-600 dark:text-red-400" : hint}>
        {error ?? note ?? "Saved in the audit log."}
      </p>
    </div>
  );
}
