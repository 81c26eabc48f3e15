import { useId } from "react";
import { inputClass } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

export function WordFilterFields({
  words,
  mode,
  error,
  onWords,
  onMode,
}: {
  words: string;
  mode: string;
  error?: string;
  onWords: (v: string) => void;
  onMode: (v: string) => void;
}) {
  const id = useId();
  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-col gap-1">
        <Label htmlFor={id}>Filtered words</Label>
        <textarea
          id={id}
          rows={5}
          value={words}
          onChange={(e) => onWords(e.target.value)}
          aria-describedby={`${id}-note`}
          aria-invalid={error ? true : undefined}
          className={`${inputClass} max-w-md font-mono text-sm`}
        />
        <p id={`${id}-note`} className={error ? "text-sm text-destructive" : "text-xs text-muted-foreground"}>
          {error ?? "One word or phrase per line (up to 500)."}
        </p>
      </div>
      <fieldset className="flex flex-col gap-1">
        <legend className="text-sm font-medium">When a message contains one</legend>
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
