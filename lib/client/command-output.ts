import { COMMANDS } from "@/lib/client/command-catalog";
import { conversationTitle } from "@/lib/client/chat-store";
import type { Delivery, MyRoom, PublicProfile, PublicUser, RoomMemberInfo } from "@/lib/types";
import { formatDate, timeAgo } from "@/lib/format-time";

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

export function roomsText(rooms: MyRoom[], meId: string): string {
  const unread = (r: MyRoom) => (r.unread > 0 ? ` — ${r.unread} unread` : "");
  const limit = (r: MyRoom) => (r.memberLimit > 0 ? `${r.memberCount}/${r.memberLimit}` : `${r.memberCount}`);
  const channels = rooms.filter((r) => r.kind !== "dm").map((r) => `#${r.name} (${limit(r)} members${r.kind === "public" ? "" : `, ${r.kind}`})${unread(r)}`);
  const dms = rooms.filter((r) => r.kind === "dm").map((r) => `${conversationTitle(r, meId)}${unread(r)}`);
  const lines = [`Your rooms (${channels.length}): ${channels.join(", ") || "none"}`];
  if (dms.length) lines.push(`Direct messages (${dms.length}): ${dms.join(", ")}`);
  return lines.join("\n");
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

/** The sender's per-recipient feedback for a direct message. */
export function deliveryText(delivery: Delivery): string {
  const name = delivery.user.username;
  return delivery.online ? `delivered to ${name}` : `${name} is offline — saved, will be delivered when they log in`;
}

export function blockedText(verb: "Blocked" | "Unblocked", users: PublicUser[]): string {
  if (users.length === 0) return verb === "Blocked" ? "Nobody new was blocked." : "None of them were blocked.";
  const note = verb === "Blocked" ? " They can't DM or whisper you. Blocking does not hide room messages." : "";
  return `${verb} ${users.map(who).join(", ")}.${note}`;
}
