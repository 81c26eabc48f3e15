"use client";

import { useId } from "react";
import { formatNumber } from "@/lib/shared/format-time";
import { BAN_PRESETS_MINUTES } from "@/lib/shared/schemas/moderation";
import { inputClass } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

const PRESETS = Object.entries(BAN_PRESETS_MINUTES) as Array<[string, number]>;

export type DurationChoice = number | "custom" | "permanent";

/** Presets as radio buttons plus "Custom" minutes (and "Permanent" where allowed). */
export function DurationField(props: {
  choice: DurationChoice;
  custom: string;
  max: number;
  allowPermanent?: boolean;
  onChoice: (choice: DurationChoice) => void;
  onCustom: (value: string) => void;
  error?: string;
}) {
  const id = useId();
  const options = PRESETS.filter(([, minutes]) => minutes <= props.max);
  return (
    <fieldset className="flex flex-col gap-2">
      <legend className={`text-sm font-medium mb-1`}>Duration</legend>
      <div className="flex flex-wrap gap-x-4 gap-y-2">
        {props.allowPermanent ? (
          <label className="flex items-center gap-1.5 text-sm">
            <input type="radio" name={`${id}-duration`} checked={props.choice === "permanent"} onChange={() => props.onChoice("permanent")} />
            Permanent
          </label>
        ) : null}
        {options.map(([name, minutes]) => (
          <label key={name} className="flex items-center gap-1.5 text-sm">
            <input type="radio" name={`${id}-duration`} checked={props.choice === minutes} onChange={() => props.onChoice(minutes)} />
            {name}
          </label>
        ))}
        <label className="flex items-center gap-1.5 text-sm">
          <input type="radio" name={`${id}-duration`} checked={props.choice === "custom"} onChange={() => props.onChoice("custom")} />
          Custom
        </label>
      </div>
      {props.choice === "custom" ? (
        <div className="flex flex-col gap-1">
          <Label htmlFor={`${id}-custom`}>Custom minutes</Label>
          <input
            id={`${id}-custom`}
            type="number"
            inputMode="numeric"
            min={1}
            max={props.max}
            step={1}
            value={props.custom}
            onChange={(e) => props.onCustom(e.target.value)}
            aria-invalid={props.error ? true : undefined}
            aria-describedby={`${id}-custom-hint`}
            className={`${inputClass} w-40`}
          />
          <p id={`${id}-custom-hint`} className={props.error ? "text-sm text-destructive" : "text-xs text-muted-foreground"}>
            {props.error ?? `Whole minutes, 1 to ${formatNumber(props.max)}.`}
          </p>
        </div>
      ) : null}
    </fieldset>
  );
}

/** The minutes a choice stands for, "permanent", or null when the custom value is not a whole number in range. */
export function minutesOf(choice: DurationChoice, custom: string, max: number): number | "permanent" | null {
  if (choice !== "custom") return choice;
  const n = Number(custom);
  return Number.isInteger(n) && n >= 1 && n <= max ? n : null;
}
