import { formatMinutes } from "@/components/admin/format";

/**
 * An audit entry's details as sentences a moderator reads ("for 1 h", "Flood limit: 5 → 8
 * messages"), one per line; never JSON. Unknown shapes fall back to "field: value" lines.
 */
export function describeDetails(action: string, details: Record<string, unknown>): string[] {
  const d = details;
  switch (action) {
    case "ban":
    case "temp-ban":
    case "auto-ban":
    case "timeout":
      return [
        typeof d.minutes === "number" ? `for ${formatMinutes(d.minutes)}` : "permanent",
        ...(typeof d.strike === "number" ? [`strike ${d.strike}`] : []),
        ...(d.ip ? [`IP address ${String(d.ip)} banned too`] : []),
      ];
    case "role":
      return [`Role: ${String(d.from)} → ${String(d.to)}`];
    case "slow-mode":
      return [`#${String(d.room)}: ${d.seconds ? `${String(d.seconds)} s between messages` : "slow mode off"}`];
    case "delete-message":
      return [`Message ${String(d.messageId)}${typeof d.text === "string" && d.text ? `: “${d.text}”` : ""}`];
    case "resolve-report":
    case "dismiss-report":
      return [
        ...(d.action && d.action !== "dismiss" ? [`Resolved by: ${String(d.action)}`] : []),
        `${String(d.reports)} ${d.reports === 1 ? "report" : "reports"} closed`,
        `message ${String(d.messageId)}`,
      ];
    case "settings":
      return describeSettingsChange(d.before, d.after);
    default:
      return fieldLines(d);
  }
}

const SETTING_LABELS: Record<string, { label: string; unit?: string }> = {
  "flood.messages": { label: "Flood limit", unit: "messages" },
  "flood.windowSeconds": { label: "Flood window", unit: "s" },
  repeatWindowSeconds: { label: "Repeat window", unit: "s" },
  "duplicate.count": { label: "Duplicate limit", unit: "messages" },
  "duplicate.windowSeconds": { label: "Duplicate window", unit: "s" },
  escalationMinutes: { label: "Automatic temp-ban lengths", unit: "min" },
  strikeDecayHours: { label: "Strikes decay after", unit: "h" },
  "wordFilter.words": { label: "Blocked words" },
  "wordFilter.mode": { label: "Word filter mode" },
  "login.maxAttempts": { label: "Failed logins before a block" },
  "login.blockSeconds": { label: "Login block", unit: "s" },
  "login.ipMaxFailures": { label: "Failures per IP address" },
  "login.ipWindowSeconds": { label: "Per-IP window", unit: "s" },
  "signUp.perAddressPerHour": { label: "Sign-ups per IP address", unit: "per hour" },
  "files.maxMb": { label: "Largest file", unit: "MB" },
  "files.dailyQuotaMb": { label: "Uploads per person per day", unit: "MB" },
  "linkPreviews.enabled": { label: "Link previews" },
  "secretRooms.enabled": { label: "Secret rooms" },
  "secretRooms.creatorRoles": { label: "Who may create secret rooms" },
  "secretRooms.memberLimit": { label: "People per secret room" },
};

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Leaf values by dotted path; arrays are leaves. */
function flatten(value: unknown, prefix = "", into: Map<string, unknown> = new Map()): Map<string, unknown> {
  if (isRecord(value)) for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, into);
  else if (prefix) into.set(prefix, value);
  return into;
}

const text = (v: unknown): string =>
  Array.isArray(v) ? v.map(text).join(", ") : v === null || v === undefined || v === "" ? "—" : isRecord(v) ? fieldLines(v).join(", ") : String(v);
const quoted = (words: unknown[]) => words.map((w) => `“${String(w)}”`).join(", ");

/** "Flood limit: 5 → 8 messages", one line per changed setting. */
export function describeSettingsChange(before: unknown, after: unknown): string[] {
  const old = flatten(before);
  const next = flatten(after);
  const lines: string[] = [];
  for (const path of new Set([...old.keys(), ...next.keys()])) {
    const a = old.get(path);
    const b = next.get(path);
    if (text(a) === text(b)) continue;
    const { label, unit } = SETTING_LABELS[path] ?? { label: path };
    if (path === "wordFilter.words" && Array.isArray(a) && Array.isArray(b)) {
      const added = b.filter((w) => !a.includes(w));
      const removed = a.filter((w) => !b.includes(w));
      lines.push(`${label}: ${[added.length ? `added ${quoted(added)}` : "", removed.length ? `removed ${quoted(removed)}` : ""].filter(Boolean).join("; ")}`);
      continue;
    }
    lines.push(`${label}: ${text(a)} → ${text(b)}${unit ? ` ${unit}` : ""}`);
  }
  return lines.length ? lines : ["No values changed"];
}

/** `{ minutes: 60, ip: "1.2.3.4" }` → ["minutes: 60", "ip: 1.2.3.4"] */
function fieldLines(details: Record<string, unknown>): string[] {
  return [...flatten(details)].filter(([, v]) => v !== null && v !== undefined && v !== "").map(([k, v]) => `${k}: ${text(v)}`);
}
