"use client";

import type { FormEvent } from "react";
import { useState } from "react";
import { updateProfile } from "@/components/profile/profile-requests";
import { Field } from "@/components/ui/field";
import type { OwnProfile } from "@/lib/shared/schemas/profile";
import { STATUS_LINE_MAX_CHARS, updateProfileSchema } from "@/lib/shared/schemas/profile";
import { Button } from "@/components/ui/button";

type Errors = Partial<Record<"displayName" | "statusLine" | "_", string>>;

/** Display name and status line, checked with the server's own schema before sending. */
export function ProfileForm({ profile, onSaved }: { profile: OwnProfile; onSaved: (profile: OwnProfile) => void }) {
  const [displayName, setDisplayName] = useState(profile.displayName);
  const [statusLine, setStatusLine] = useState(profile.statusLine);
  const [errors, setErrors] = useState<Errors>({});
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const statusLength = [...statusLine].length;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(false);
    const parsed = updateProfileSchema.safeParse({ displayName, statusLine });
    if (!parsed.success) {
      const next: Errors = {};
      for (const issue of parsed.error.issues) next[(issue.path[0] as keyof Errors | undefined) ?? "_"] ??= issue.message;
      setErrors(next);
      return;
    }
    setBusy(true);
    setErrors({});
    const result = await updateProfile(parsed.data);
    setBusy(false);
    if (!result.ok) {
      setErrors({ ...result.error.fields, _: result.error.fields ? undefined : result.error.message });
      return;
    }
    // Show what the server stored (it trims and folds whitespace).
    setDisplayName(result.data.displayName);
    setStatusLine(result.data.statusLine);
    setSaved(true);
    onSaved(result.data);
  }

  const edit = (set: (value: string) => void) => (value: string) => {
    set(value);
    setSaved(false);
  };

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4" aria-labelledby="profile-details-heading">
      <h2 id="profile-details-heading" className="text-lg font-semibold">
        Name and status
      </h2>
      <Field
        label="Display name"
        name="displayName"
        autoComplete="nickname"
        value={displayName}
        onChange={(e) => edit(setDisplayName)(e.target.value)}
        error={errors.displayName}
        hint="How others see you (1–32 characters)"
        required
      />
      <Field
        label="Status"
        name="statusLine"
        value={statusLine}
        onChange={(e) => edit(setStatusLine)(e.target.value)}
        error={errors.statusLine}
        hint={`Optional, one line: ${statusLength}/${STATUS_LINE_MAX_CHARS} characters`}
        placeholder="What are you up to?"
      />
      {errors._ ? (
        <p role="alert" className="text-sm text-destructive">
          {errors._}
        </p>
      ) : null}
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={busy}>
          {busy ? "Saving…" : "Save"}
        </Button>
        <p role="status" className="text-sm text-success">
          {saved ? "Profile saved. Everyone sees the change right away." : ""}
        </p>
      </div>
    </form>
  );
}
