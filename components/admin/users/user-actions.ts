import { formatMinutes } from "@/components/admin/format";
import type { ConsoleUser, Role, Viewer } from "@/components/admin/types";
import { rank } from "@/components/admin/types";

export type UserActionKind = "ban" | "temp-ban" | "unban" | "timeout" | "end-timeout" | "kick" | "logout" | "role";

/** What the dialog collected besides the reason. */
export interface ActionExtras {
  minutes: number | null;
  ip: boolean;
  role: Role;
}

interface Spec {
  label: string;
  verb: string;
  busy: string;
  danger: boolean;
  /** Which duration rules apply, if the action takes one. */
  duration?: { max: number };
  note: string;
}

export const USER_ACTIONS: Record<UserActionKind, Spec> = {
  ban: { label: "Ban", verb: "Ban", busy: "Banning…", danger: true, note: "Permanent until someone unbans them. Their sessions end now; they see the reason." },
  "temp-ban": {
    label: "Temp-ban",
    verb: "Ban",
    busy: "Banning…",
    danger: true,
    duration: { max: 525_600 },
    note: "Their sessions end now; the ban lifts by itself. They see the reason.",
  },
  unban: { label: "Unban", verb: "Unban", busy: "Unbanning…", danger: false, note: "They can log in again right away." },
  timeout: {
    label: "Timeout",
    verb: "Time out",
    busy: "Timing out…",
    danger: true,
    duration: { max: 40_320 },
    note: "They can read but not send until it ends. They see the reason.",
  },
  "end-timeout": { label: "End timeout", verb: "End timeout for", busy: "Ending…", danger: false, note: "They can send messages again right away." },
  kick: { label: "Kick", verb: "Kick", busy: "Kicking…", danger: true, note: "Disconnects every session now; they may log in again." },
  logout: { label: "Force logout", verb: "Log out", busy: "Logging out…", danger: true, note: "Ends every session; they must log in again." },
  role: {
    label: "Change role",
    verb: "Change role of",
    busy: "Saving…",
    danger: false,
    note: "Moderators can open this console; administrators can also change settings and roles.",
  },
};

/** Actions the viewer may try on this row, in menu order; the server still decides. */
export function actionsFor(viewer: Viewer, user: ConsoleUser): UserActionKind[] {
  if (user.id === viewer.id) return [];
  const kinds: UserActionKind[] = [];
  if (rank[viewer.role] > (rank[user.role as Role] ?? 0)) {
    kinds.push("ban", "temp-ban");
    if (user.bannedUntil) kinds.push("unban");
    kinds.push("timeout");
    if (user.timedOutUntil) kinds.push("end-timeout");
    kinds.push("kick", "logout");
  }
  if (viewer.role === "admin") kinds.push("role");
  return kinds;
}

/** Why a row has no actions, in a sentence. */
export function noActionsReason(viewer: Viewer, user: ConsoleUser): string {
  // Admins always have "Change role", so this only reaches moderators looking at their peers or admins.
  return user.id === viewer.id ? "This is you." : `Only an admin can act on ${user.role === "admin" ? "an admin" : `a ${user.role}`}.`;
}

export function requestBody(kind: UserActionKind, user: ConsoleUser, reason: string, extras: ActionExtras): Record<string, unknown> {
  const base = { userId: user.id, reason };
  switch (kind) {
    case "ban":
      return { ...base, action: "ban", minutes: null, ip: extras.ip };
    case "temp-ban":
      return { ...base, action: "ban", minutes: extras.minutes, ip: extras.ip };
    case "timeout":
      return { ...base, action: "timeout", minutes: extras.minutes };
    case "role":
      return { ...base, action: "role", role: extras.role };
    default:
      return { ...base, action: kind };
  }
}

export function successSentence(kind: UserActionKind, user: ConsoleUser, extras: ActionExtras): string {
  const name = user.displayName;
  const span = extras.minutes ? formatMinutes(extras.minutes) : "";
  switch (kind) {
    case "ban":
      return `${name} is banned permanently.`;
    case "temp-ban":
      return `${name} is banned for ${span}.`;
    case "unban":
      return `${name} is no longer banned.`;
    case "timeout":
      return `${name} is timed out for ${span}.`;
    case "end-timeout":
      return `${name}'s timeout has ended.`;
    case "kick":
      return `${name} was kicked: every session was disconnected.`;
    case "logout":
      return `${name} was logged out everywhere.`;
    case "role":
      return `${name} is now ${extras.role === "admin" ? "an admin" : `a ${extras.role}`}.`;
  }
}
