"use client";

import type { FormEvent } from "react";
import { useState } from "react";
import type { RoomOutcome } from "@/components/chat/use-room-actions";
import { memberCountText } from "@/components/rooms/browse-rooms";
import { Field } from "@/components/ui/field";
import type { PasswordChoice } from "@/lib/client/room-settings";
import { memberLimitProblem, passwordChoices } from "@/lib/client/room-settings";
import type { MyRoom } from "@/lib/shared/types";
import { Button } from "@/components/ui/button";

/** Owner (or moderator) settings: description, password, member limit, link previews; and deleting the room. */
export function RoomSettings(props: {
  room: MyRoom;
  canEdit: boolean;
  onUpdate: (input: {
    roomId: string;
    description?: string;
    password?: string | null;
    memberLimit?: number;
    linkPreviews?: boolean;
  }) => Promise<RoomOutcome<unknown>>;
  onDelete: (roomId: string) => Promise<RoomOutcome<unknown>>;
}) {
  const { room, canEdit, onUpdate, onDelete } = props;
  const [passwordChoice, setPasswordChoice] = useState<PasswordChoice>("keep");
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const limit = String(form.get("memberLimit") ?? "0").trim() || "0";
    const limitProblem = memberLimitProblem(limit, room.memberCount);
    if (limitProblem) return setStatus({ ok: false, text: limitProblem });
    const password = passwordChoice === "set" ? String(form.get("password") ?? "") : passwordChoice === "remove" ? null : undefined;
    if (password === "") return setStatus({ ok: false, text: "Enter the new room password" });
    setBusy(true);
    const outcome = await onUpdate({
      roomId: room.id,
      description: String(form.get("description") ?? ""),
      memberLimit: Number(limit),
      linkPreviews: form.get("linkPreviews") === "on",
      ...(password !== undefined ? { password } : {}),
    });
    setBusy(false);
    setStatus(outcome.ok ? { ok: true, text: "Saved." } : { ok: false, text: outcome.error });
    if (outcome.ok) setPasswordChoice("keep");
  }

  async function remove() {
    setBusy(true);
    const outcome = await onDelete(room.id);
    setBusy(false);
    if (!outcome.ok) setStatus({ ok: false, text: outcome.error });
  }

  return (
    <div className="flex flex-col gap-4">
      <p className="text-sm text-muted-foreground">
        # {room.name} · {room.kind} · {memberCountText(room)}
      </p>
      {canEdit ? (
        <form onSubmit={save} className="flex flex-col gap-3" noValidate>
          <Field label="Description" name="description" defaultValue={room.description} maxLength={200} autoComplete="off" />
          <fieldset className="flex flex-col gap-1 text-sm">
            <legend className="mb-1 font-medium">Password</legend>
            {passwordChoices(room).map(({ choice, label }) => (
              <label key={choice} className="flex items-center gap-2">
                <input type="radio" name="passwordChoice" checked={passwordChoice === choice} onChange={() => setPasswordChoice(choice)} />
                {label}
              </label>
            ))}
          </fieldset>
          {passwordChoice === "set" ? <Field label="New room password" name="password" type="password" autoComplete="new-password" required /> : null}
          <Field label="Member limit" name="memberLimit" type="number" min={0} defaultValue={room.memberLimit} hint="0 = no limit" />
          <div className="flex flex-col gap-0.5 text-sm">
            <label className="flex items-center gap-2">
              <input type="checkbox" name="linkPreviews" defaultChecked={room.linkPreviews !== false} aria-describedby="room-link-previews-hint" />
              Show link previews
            </label>
            <p id="room-link-previews-hint" className="text-xs text-muted-foreground">
              A card with the page&apos;s title and image under messages with a link.
            </p>
          </div>
          <Button size="sm" type="submit" disabled={busy}>
            Save changes
          </Button>
        </form>
      ) : null}
      {status ? (
        <p role={status.ok ? "status" : "alert"} className={`text-sm ${status.ok ? "text-success" : "text-destructive"}`}>
          {status.text}
        </p>
      ) : null}
      <div className="border-t border-border pt-3">
        {confirming ? (
          <div className="flex flex-col gap-2">
            <p className="text-sm">Delete #{room.name} and all its messages? Members are moved to #general. This can&apos;t be undone.</p>
            <div className="flex gap-2">
              <Button variant="destructive" size="sm" type="button" disabled={busy} onClick={() => void remove()}>
                Delete #{room.name} for everyone
              </Button>
              <Button variant="ghost" size="sm" onClick={() => setConfirming(false)}>
                Keep the room
              </Button>
            </div>
          </div>
        ) : (
          <Button variant="destructive" size="sm" type="button" onClick={() => setConfirming(true)}>
            Delete room
          </Button>
        )}
      </div>
    </div>
  );
}
