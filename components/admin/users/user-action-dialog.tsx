"use client";

import { useId, useState } from "react";
import { formatNumber } from "@/lib/shared/format-time";
import { ConfirmDialog } from "@/components/admin/confirm-dialog";
import { ReasonField } from "@/components/admin/reason-field";
import type { ConsoleUser, Role } from "@/components/admin/types";
import { useMutation } from "@/components/admin/use-mutation";
import type { DurationChoice } from "@/components/admin/users/duration-field";
import { DurationField, minutesOf } from "@/components/admin/users/duration-field";
import type { UserActionKind } from "@/components/admin/users/user-actions";
import { requestBody, successSentence, USER_ACTIONS } from "@/components/admin/users/user-actions";
import { useViewer } from "@/components/admin/viewer-context";
import { inputClass } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

/** Reason, duration / role where the action needs them, then confirm. Mounted per action. */
export function UserActionDialog({
  kind,
  user,
  onDone,
  onClose,
}: {
  kind: UserActionKind;
  user: ConsoleUser;
  onDone: (sentence: string) => void;
  onClose: () => void;
}) {
  const viewer = useViewer();
  const spec = USER_ACTIONS[kind];
  const id = useId();
  const { busy, error, run } = useMutation(["/api/admin/users", "/api/admin/stats", "/api/admin/audit"]);
  const [reason, setReason] = useState("");
  const [choice, setChoice] = useState<DurationChoice>(60);
  const [custom, setCustom] = useState("");
  const [ip, setIp] = useState(false);
  const [role, setRole] = useState<Role>(user.role === "user" ? "moderator" : "user");
  const [durationError, setDurationError] = useState<string | undefined>();

  const confirm = async () => {
    const picked = spec.duration ? minutesOf(choice, custom, spec.duration.max) : null;
    const minutes = typeof picked === "number" ? picked : null;
    if (spec.duration && minutes === null) {
      setDurationError(`Give whole minutes, 1 to ${formatNumber(spec.duration.max)}.`);
      return;
    }
    setDurationError(undefined);
    const extras = { minutes, ip, role };
    const done = await run("/api/admin/actions", "POST", requestBody(kind, user, reason.trim(), extras));
    if (done) onDone(successSentence(kind, user, extras));
  };

  const canIpBan = viewer.role === "admin" && (kind === "ban" || kind === "temp-ban");
  return (
    <ConfirmDialog
      open
      title={`${spec.label}: ${user.displayName} (@${user.username})`}
      confirmLabel={kind === "role" ? "Change role" : `${spec.verb} ${user.displayName}`}
      busyLabel={spec.busy}
      busy={busy}
      danger={spec.danger}
      error={error}
      onConfirm={() => void confirm()}
      onClose={onClose}
    >
      <p className="text-sm text-muted-foreground">{spec.note}</p>
      {spec.duration ? (
        <DurationField choice={choice} custom={custom} max={spec.duration.max} onChoice={setChoice} onCustom={setCustom} error={durationError} />
      ) : null}
      {kind === "role" ? (
        <div className="flex flex-col gap-1">
          <Label htmlFor={`${id}-role`}>New role</Label>
          <select id={`${id}-role`} value={role} onChange={(e) => setRole(e.target.value as Role)} className={inputClass}>
            <option value="user">user</option>
            <option value="moderator">moderator</option>
            <option value="admin">admin</option>
          </select>
          <p className="text-xs text-muted-foreground">Currently: {user.role}</p>
        </div>
      ) : null}
      {canIpBan ? (
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={ip} onChange={(e) => setIp(e.target.checked)} />
          Also ban their last IP address (administrators only)
        </label>
      ) : null}
      <ReasonField
        value={reason}
        onChange={setReason}
        note={kind.includes("ban") || kind === "timeout" || kind === "kick" ? "They see this reason; it is also saved in the audit log." : undefined}
      />
    </ConfirmDialog>
  );
}
