"use client";

import type { FormEvent } from "react";
import { useState } from "react";
import type { RoomInput, RoomOutcome } from "@/components/chat/use-room-actions";
import { Field } from "@/components/ui/field";
import { Button } from "@/components/ui/button";

const KINDS = [
  { value: "public", label: "Public", hint: "Listed; anyone can join" },
  { value: "private", label: "Private", hint: "Listed with a lock; joining needs the password" },
  { value: "hidden", label: "Hidden", hint: "Not listed; join with /join name (and the password, if set)" },
] as const;

/** The same fields as `/create <room> [--private password] [--hidden] [--limit N]`. */
export function CreateRoomForm({ onCreate }: { onCreate: (input: RoomInput) => Promise<RoomOutcome<unknown>> }) {
  const [kind, setKind] = useState<RoomInput["kind"]>("public");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const limit = String(form.get("memberLimit") ?? "0").trim() || "0";
    if (!/^\d+$/.test(limit)) return setErrors({ memberLimit: "The member limit must be a whole number (0 = no limit)" });
    setBusy(true);
    setError(null);
    setErrors({});
    const outcome = await onCreate({
      name: String(form.get("name") ?? "").trim(),
      description: String(form.get("description") ?? ""),
      kind,
      password: kind === "public" ? undefined : String(form.get("password") ?? "") || undefined,
      memberLimit: Number(limit),
    });
    setBusy(false);
    if (outcome.ok) return;
    const fields = "fields" in outcome ? (outcome.fields ?? {}) : {};
    setErrors(fields);
    if (!["name", "description", "password", "memberLimit"].some((k) => fields[k])) setError(outcome.error);
  }

  return (
    <form onSubmit={submit} className="flex flex-col gap-3" noValidate>
      <Field label="Room name" name="name" required autoFocus hint="2–30 letters, digits, - or _" error={errors.name} autoComplete="off" />
      <Field label="Description" name="description" maxLength={200} hint="Optional, up to 200 characters" error={errors.description} autoComplete="off" />
      <fieldset className="flex flex-col gap-1">
        <legend className="mb-1 text-sm font-medium">Who can join</legend>
        {KINDS.map((k) => (
          <label key={k.value} className="flex items-baseline gap-2 text-sm">
            <input type="radio" name="kind" value={k.value} checked={kind === k.value} onChange={() => setKind(k.value)} />
            <span>
              <span className="font-medium">{k.label}</span> <span className="text-muted-foreground">— {k.hint}</span>
            </span>
          </label>
        ))}
      </fieldset>
      {kind !== "public" ? (
        <Field
          label={kind === "private" ? "Room password" : "Room password (optional)"}
          name="password"
          type="password"
          autoComplete="new-password"
          required={kind === "private"}
          error={errors.password}
        />
      ) : null}
      <Field label="Member limit" name="memberLimit" type="number" min={0} defaultValue={0} hint="0 = no limit" error={errors.memberLimit} />
      {error ? (
        <p role="alert" className="text-sm text-destructive">
          {error}
        </p>
      ) : null}
      <Button size="sm" type="submit" disabled={busy}>
        {busy ? "Creating…" : "Create room"}
      </Button>
    </form>
  );
}
