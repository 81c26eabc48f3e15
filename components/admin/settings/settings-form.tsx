"use client";

import type { FormEvent } from "react";
import { useId, useState } from "react";
import { ErrorNotice } from "@/components/admin/error-notice";
import { NumberField } from "@/components/admin/settings/number-field";
import type { Draft } from "@/components/admin/settings/settings-draft";
import { fieldError, fromDraft, NUMBER_FIELDS, SECRET_ROOM_ROLES, toDraft } from "@/components/admin/settings/settings-draft";
import { WordFilterFields } from "@/components/admin/settings/word-filter-fields";
import { StatusLine } from "@/components/admin/status-line";
import type { ModerationSettings } from "@/components/admin/types";
import { useMutation } from "@/components/admin/use-mutation";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

const SECRET_ROLE_LABELS = { user: "Members", moderator: "Moderators", admin: "Admins" } as const;

/** Anti-spam, word filter, login lockout and sign-up limit; saved as one object, applied on the next message. */
export function SettingsForm({ initial, canEdit }: { initial: ModerationSettings; canEdit: boolean }) {
  const id = useId();
  const [draft, setDraft] = useState<Draft>(() => toDraft(initial));
  const [localFields, setLocalFields] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState<string | null>(null);
  const { busy, error, run, reset } = useMutation(["/api/admin/settings", "/api/admin/audit"]);
  const fields = { ...error?.fields, ...localFields };
  const set = (path: string) => (value: string) => {
    setDraft((d) => ({ ...d, [path]: value }));
    setSaved(null);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    reset();
    setSaved(null);
    const parsed = fromDraft(draft);
    if ("fields" in parsed) {
      setLocalFields(parsed.fields);
      return;
    }
    setLocalFields({});
    const done = await run<{ settings: ModerationSettings }>("/api/admin/settings", "PUT", parsed.settings);
    if (done) {
      setDraft(toDraft(done.settings));
      setSaved("Settings saved. They apply to the next message, login attempt and sign-up.");
    }
  };

  const numbers = (group: keyof typeof NUMBER_FIELDS) => (
    <div className="grid gap-4 sm:grid-cols-2">
      {NUMBER_FIELDS[group].map((f) => (
        <NumberField
          key={f.path}
          label={f.label}
          unit={f.unit}
          hint={f.hint}
          value={draft[f.path] ?? ""}
          error={fieldError(fields, f.path)}
          onChange={set(f.path)}
        />
      ))}
    </div>
  );
  const escalationError = fieldError(fields, "escalationMinutes");

  return (
    <form onSubmit={(e) => void submit(e)} aria-labelledby={`${id}-title`} aria-busy={busy || undefined} className="flex flex-col gap-4">
      <h2 id={`${id}-title`} className="text-lg font-semibold">
        Anti-abuse settings
      </h2>
      {!canEdit ? <p className="rounded-md bg-muted px-3 py-2 text-sm">Only administrators can change these settings; you can read them.</p> : null}
      <fieldset disabled={!canEdit || busy} className="flex flex-col gap-4">
        <fieldset className={`rounded-xl border border-border bg-card p-4 text-card-foreground flex flex-col gap-4`}>
          <legend className="px-1 font-semibold">Anti-spam thresholds</legend>
          {numbers("spam")}
          <div className="flex flex-col gap-1">
            <Label htmlFor={`${id}-esc`}>
              Automatic temp-ban lengths <span className="font-normal text-muted-foreground">(minutes, one per strike)</span>
            </Label>
            <input
              id={`${id}-esc`}
              value={draft.escalationMinutes ?? ""}
              onChange={(e) => set("escalationMinutes")(e.target.value)}
              aria-invalid={escalationError ? true : undefined}
              aria-describedby={`${id}-esc-note`}
              className={`${inputClass} max-w-md`}
            />
            <p id={`${id}-esc-note`} className={escalationError ? "text-sm text-destructive" : "text-xs text-muted-foreground"}>
              {escalationError ?? "Comma-separated; the last one repeats."}
            </p>
          </div>
        </fieldset>
        <fieldset className={`rounded-xl border border-border bg-card p-4 text-card-foreground flex flex-col gap-4`}>
          <legend className="px-1 font-semibold">Word filter</legend>
          <WordFilterFields
            words={draft["wordFilter.words"] ?? ""}
            mode={draft["wordFilter.mode"] ?? "block"}
            error={fieldError(fields, "wordFilter.words")}
            onWords={set("wordFilter.words")}
            onMode={set("wordFilter.mode")}
          />
        </fieldset>
        <fieldset className={`rounded-xl border border-border bg-card p-4 text-card-foreground flex flex-col gap-4`}>
          <legend className="px-1 font-semibold">Login lockout</legend>
          {numbers("login")}
        </fieldset>
        <fieldset className={`rounded-xl border border-border bg-card p-4 text-card-foreground flex flex-col gap-4`}>
          <legend className="px-1 font-semibold">Sign-ups</legend>
          {numbers("signUp")}
        </fieldset>
        <fieldset className={`rounded-xl border border-border bg-card p-4 text-card-foreground flex flex-col gap-4`}>
          <legend className="px-1 font-semibold">Files and link previews</legend>
          {numbers("files")}
          <label className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              checked={draft["linkPreviews.enabled"] !== "off"}
              onChange={(e) => set("linkPreviews.enabled")(e.target.checked ? "on" : "off")}
            />
            Show link preview cards (rooms can still turn theirs off)
          </label>
        </fieldset>
        <fieldset className={`rounded-xl border border-border bg-card p-4 text-card-foreground flex flex-col gap-4`}>
          <legend className="px-1 font-semibold">Secret rooms</legend>
          <label className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              checked={draft["secretRooms.enabled"] !== "off"}
              onChange={(e) => set("secretRooms.enabled")(e.target.checked ? "on" : "off")}
            />
            Allow end-to-end encrypted secret rooms (nothing about them is stored)
          </label>
          <fieldset className="flex flex-col gap-2 text-sm" aria-describedby="secret-roles-hint">
            <legend className="font-medium">Who may create secret rooms</legend>
            <p id="secret-roles-hint" className="text-muted-foreground">
              Anyone signed in can join one by its link.
            </p>
            {SECRET_ROOM_ROLES.map((role) => (
              <label key={role} className="flex items-center gap-2">
                <input
                  type="checkbox"
                  checked={draft[`secretRooms.creator.${role}`] === "on"}
                  onChange={(e) => set(`secretRooms.creator.${role}`)(e.target.checked ? "on" : "off")}
                />
                {SECRET_ROLE_LABELS[role]}
              </label>
            ))}
            {fieldError(fields, "secretRooms.creatorRoles") ? (
              <p role="alert" className="text-destructive">
                {fieldError(fields, "secretRooms.creatorRoles")}
              </p>
            ) : null}
          </fieldset>
          {numbers("secretRooms")}
        </fieldset>
      </fieldset>
      {error ? <ErrorNotice error={error} step={error.fields ? "Fix the marked field and save again." : undefined} /> : null}
      {Object.keys(localFields).length ? (
        <p role="alert" className="text-sm text-destructive">
          Some values need fixing — see the fields marked above.
        </p>
      ) : null}
      <StatusLine text={busy ? "Saving settings…" : saved} tone={saved && !busy ? "success" : "neutral"} />
      {canEdit ? (
        <div>
          <Button size="sm" type="submit" disabled={busy}>
            {busy ? "Saving…" : "Save settings"}
          </Button>
        </div>
      ) : null}
    </form>
  );
}
