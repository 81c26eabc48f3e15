import type { ModerationSettings } from "@/components/admin/types";

/** The form edits strings; these are the numeric knobs, by their path in the settings object. */
export const NUMBER_FIELDS = {
  spam: [
    { path: "flood.messages", label: "Flood: messages", hint: "This many messages in the window is a flood (warning first).", unit: "" },
    { path: "flood.windowSeconds", label: "Flood: window", hint: "Across all rooms, per user.", unit: "seconds" },
    { path: "repeatWindowSeconds", label: "Repeat window", hint: "A second flood this soon after a warning is an automatic temp-ban.", unit: "seconds" },
    { path: "duplicate.count", label: "Duplicates: count", hint: "The same text this many times in the window counts as spam.", unit: "" },
    { path: "duplicate.windowSeconds", label: "Duplicates: window", hint: "", unit: "seconds" },
    { path: "strikeDecayHours", label: "Strikes decay after", hint: "Clean time before the escalation starts over.", unit: "hours" },
  ],
  login: [
    { path: "login.maxAttempts", label: "Failed logins before a block", hint: "Per username and IP address.", unit: "" },
    { path: "login.blockSeconds", label: "Block for", hint: "Further failures do not restart the block.", unit: "seconds" },
    { path: "login.ipMaxFailures", label: "Failures per IP address", hint: "Stops one address trying many usernames.", unit: "" },
    { path: "login.ipWindowSeconds", label: "Per-IP window", hint: "", unit: "seconds" },
  ],
  signUp: [
    {
      path: "signUp.perAddressPerHour",
      label: "Sign-ups per IP address",
      hint: "New accounts per hour from one address; people behind one office or school router share it.",
      unit: "per hour",
    },
  ],
  files: [
    { path: "files.maxMb", label: "Largest file", hint: "Per attachment; a bigger file is refused with its size and this limit.", unit: "MB" },
    { path: "files.dailyQuotaMb", label: "Uploads per person per day", hint: "All of one person's uploads in the last 24 hours.", unit: "MB" },
  ],
  secretRooms: [{ path: "secretRooms.memberLimit", label: "People per secret room", hint: "Including its creator.", unit: "" }],
} as const;

/** The roles the console offers for creating secret rooms, in the order shown. */
export const SECRET_ROOM_ROLES = ["user", "moderator", "admin"] as const;

export type Draft = Record<string, string>;

const get = (obj: unknown, path: string): unknown => path.split(".").reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], obj);

export function toDraft(settings: ModerationSettings): Draft {
  const draft: Draft = {};
  for (const field of [...NUMBER_FIELDS.spam, ...NUMBER_FIELDS.login, ...NUMBER_FIELDS.signUp, ...NUMBER_FIELDS.files, ...NUMBER_FIELDS.secretRooms])
    draft[field.path] = String(get(settings, field.path) ?? "");
  draft.escalationMinutes = settings.escalationMinutes.join(", ");
  draft["wordFilter.words"] = settings.wordFilter.words.join("\n");
  draft["wordFilter.mode"] = settings.wordFilter.mode;
  draft["linkPreviews.enabled"] = settings.linkPreviews.enabled ? "on" : "off";
  draft["secretRooms.enabled"] = settings.secretRooms.enabled ? "on" : "off";
  for (const role of SECRET_ROOM_ROLES) draft[`secretRooms.creator.${role}`] = settings.secretRooms.creatorRoles.includes(role) ? "on" : "off";
  return draft;
}

/** The settings object to PUT, or the fields that are not whole numbers. */
export function fromDraft(draft: Draft): { settings: ModerationSettings } | { fields: Record<string, string> } {
  const fields: Record<string, string> = {};
  const num = (path: string) => {
    const n = Number((draft[path] ?? "").trim());
    if (!Number.isInteger(n) || (draft[path] ?? "").trim() === "") fields[path] = "Enter a whole number.";
    return n;
  };
  const steps = (draft.escalationMinutes ?? "")
    .split(/[\s,]+/)
    .filter(Boolean)
    .map(Number);
  if (steps.length === 0 || steps.some((n) => !Number.isInteger(n))) fields.escalationMinutes = "List whole minutes separated by commas, e.g. 1, 10, 60, 1440.";
  const settings: ModerationSettings = {
    flood: { messages: num("flood.messages"), windowSeconds: num("flood.windowSeconds") },
    repeatWindowSeconds: num("repeatWindowSeconds"),
    duplicate: { count: num("duplicate.count"), windowSeconds: num("duplicate.windowSeconds") },
    escalationMinutes: steps,
    strikeDecayHours: num("strikeDecayHours"),
    wordFilter: {
      words: [
        ...new Set(
          (draft["wordFilter.words"] ?? "")
            .split("\n")
            .map((w) => w.trim())
            .filter(Boolean),
        ),
      ],
      mode: draft["wordFilter.mode"] === "mask" ? "mask" : "block",
    },
    login: {
      maxAttempts: num("login.maxAttempts"),
      blockSeconds: num("login.blockSeconds"),
      ipMaxFailures: num("login.ipMaxFailures"),
      ipWindowSeconds: num("login.ipWindowSeconds"),
    },
    signUp: { perAddressPerHour: num("signUp.perAddressPerHour") },
    files: { maxMb: num("files.maxMb"), dailyQuotaMb: num("files.dailyQuotaMb") },
    linkPreviews: { enabled: draft["linkPreviews.enabled"] !== "off" },
    secretRooms: {
      enabled: draft["secretRooms.enabled"] !== "off",
      creatorRoles: SECRET_ROOM_ROLES.filter((role) => draft[`secretRooms.creator.${role}`] === "on"),
      memberLimit: num("secretRooms.memberLimit"),
    },
  };
  return Object.keys(fields).length ? { fields } : { settings };
}

/** The server reports "escalationMinutes.2"; the form shows it on "escalationMinutes". */
export function fieldError(fields: Record<string, string> | undefined, path: string): string | undefined {
  if (!fields) return undefined;
  return fields[path] ?? Object.entries(fields).find(([key]) => key.startsWith(`${path}.`))?.[1];
}
