import { COMMANDS } from "@/lib/client/command-catalog";
import { conversationTitle } from "@/lib/client/chat-store";
import type { PublicProfile } from "@/lib/shared/schemas/profile";
import type { MyRoom, PublicUser, RoomMemberInfo } from "@/lib/shared/types";
import { formatDate, timeAgo } from "@/lib/shared/format-time";

/** Text for command output shown as local lines in the stream. */
export function helpText(): string {
  const lines = COMMANDS.map((c) => `${c.usage}${c.aliases.length ? ` (also /${c.aliases.join(", /")})` : ""} — ${c.summary}`);
  return ["Commands:", ...lines, "Start a message with // to send text that begins with /."].join("\n");
}

const who = (u: PublicUser) => `${u.displayName} (@${u.username})`;

export function usersText(title: string, users: PublicUser[], empty: string): string {
  if (users.length === 0) return empty;
  const names = [...users].sort((a, b) => a.displayName.localeCompare(b.displayName)).map(who);
  return `${title} (${users.length}): ${names.join(", ")}`;
}

const members = (r: MyRoom) => (r.memberLimit > 0 ? `${r.memberCount}/${r.memberLimit} members` : `${r.memberCount} member${r.memberCount === 1 ? "" : "s"}`);

/** A conversation by the people in it besides the viewer, so two DMs can be told apart. */
function dmText(room: MyRoom, meId: string): string {
  const others = (room.participants ?? []).filter((p) => p.id !== meId);
  return others.length ? `with ${others.map(who).join(" and ")}` : "with yourself only";
}

export function roomsText(rooms: MyRoom[], meId: string): string {
  const unread = (r: MyRoom) => (r.unread > 0 ? ` — ${r.unread} unread` : "");
  const channels = rooms.filter((r) => r.kind !== "dm").map((r) => `#${r.name} (${members(r)}${r.kind === "public" ? "" : `, ${r.kind}`})${unread(r)}`);
  const dms = rooms.filter((r) => r.kind === "dm").map((r) => `${dmText(r, meId)}${unread(r)}`);
  const lines = [`Your rooms (${channels.length}): ${channels.join(", ") || "none"}`];
  // One per line: the names inside a group conversation are joined with commas too.
  if (dms.length) lines.push(`Direct messages (${dms.length}):`, ...dms.map((d) => `  ${d}`));
  return lines.join("\n");
}

/** How command output names a room: `#general`, or a conversation's other people. */
export function roomLabel(room: Pick<MyRoom, "kind" | "name" | "participants">, meId: string): string {
  return room.kind === "dm" ? conversationTitle(room, meId) : `#${room.name}`;
}

export function membersText(roomLabel: string, members: RoomMemberInfo[]): string {
  const sorted = [...members].sort((a, b) => Number(b.online) - Number(a.online) || a.displayName.localeCompare(b.displayName));
  const names = sorted.map((m) => `${who(m)}${m.isOwner ? ", owner" : ""}${m.online ? "" : ", offline"}`);
  return `Members of ${roomLabel} (${members.length}): ${names.join("; ")}`;
}

export function presenceText(profile: Pick<PublicProfile, "online" | "lastSeenAt">, now: number): string {
  if (profile.online) return "online";
  return profile.lastSeenAt ? `last seen ${timeAgo(profile.lastSeenAt, now)}` : "never seen online";
}

export function profileText(profile: PublicProfile, now: number): string {
  const joined = formatDate(profile.joinedAt);
  return `${who(profile)} — ${presenceText(profile, now)} · joined ${joined}`;
}

export function blockedText(verb: "Blocked" | "Unblocked", users: PublicUser[]): string {
  if (users.length === 0) return verb === "Blocked" ? "Nobody new was blocked." : "None of them were blocked.";
  const note = verb === "Blocked" ? " They can't DM or whisper you. Blocking does not hide room messages." : "";
  return `${verb} ${users.map(who).join(", ")}.${note}`;
}

/** `/unblock`: only the people who really were blocked are "unblocked". */
export function unblockedText(result: { unblocked: PublicUser[]; notBlocked: PublicUser[] }): string {
  const parts: string[] = [];
  if (result.unblocked.length) parts.push(blockedText("Unblocked", result.unblocked));
  if (result.notBlocked.length)
    parts.push(`${result.notBlocked.map((u) => u.displayName).join(", ")} ${result.notBlocked.length === 1 ? "wasn't" : "weren't"} blocked.`);
  return parts.join(" ") || blockedText("Unblocked", []);
}
