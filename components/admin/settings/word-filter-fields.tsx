import { useId } from "react";
import { hint, input, label } from "@/components/admin/styles";

export function WordFilterFields({ words, mode, error, onWords, onMode }: { words: string; mode: string; error?: string; onWords: (v: string) => void; onMode: (v: string) => void }) {
  const id = useId();
  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-col gap-1">
        <label htmlFor={id} className={label}>
          Filtered words
        </label>
        <textarea
          id={id}
          rows={5}
          value={words}
          onChange={(e) => onWords(e.target.value)}
          aria-describedby={`${id}-note`}
          aria-invalid={error ? true : undefined}
          className={`${input} max-w-md font-mono text-sm`}
        />
        <p id={`${id}-note`} className={error ? "text-sm text-red-600 dark:text-red-400" : hint}>
          {error ?? "One word or phrase per line (up to 500)."}
        </p>
      </div>
      <fieldset className="flex flex-col gap-1">
        <legend className={label}>When a message contains one</legend>
        <label className="flex items-center gap-2 text-sm">
          <input type="radio" name={`${id}-mode`} value="block" checked={mode === "block"} onChange={() => onMode("block")} />
          Block it and tell the sender why
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input type="radio" name={`${id}-mode`} value="mask" checked={mode === "mask"} onChange={() => onMode("mask")} />
          Send it with the word masked (***)
        </label>
      </fieldset>
    </div>
  );
}
