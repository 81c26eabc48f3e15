/**
 * What a line typed in a secret room asks for. Only the verb and its target alias are
 * ever sent to the server as such; text (a message, a whisper) is encrypted first.
 */
export type SecretCommand =
  | { kind: "say"; text: string }
  | { kind: "whisper"; to: string; text: string }
  | { kind: "exit" }
  | { kind: "kick"; alias: string }
  | { kind: "stop" }
  | { kind: "who" }
  | { kind: "help" }
  | { kind: "error"; message: string };

export const SECRET_HELP =
  "Commands: /purr alias text (or /whisper) — only they see it · /who — who is here · /exit — leave · /kick alias and /stop — the room's creator only.";

export function parseSecretCommand(line: string): SecretCommand | null {
  const text = line.trim();
  if (text === "") return null;
  if (!text.startsWith("/") || text.startsWith("//")) return { kind: "say", text: text.startsWith("//") ? text.slice(1) : text };
  const [verb = "", ...rest] = text.slice(1).split(/\s+/);
  const args = text.slice(1 + verb.length).trim();
  switch (verb.toLowerCase()) {
    case "purr":
    case "whisper": {
      const [to, ...words] = rest;
      const body = args.slice((to ?? "").length).trim();
      if (!to || words.length === 0 || body === "") return { kind: "error", message: `Type /${verb.toLowerCase()} alias text.` };
      return { kind: "whisper", to, text: body };
    }
    case "exit":
      return { kind: "exit" };
    case "kick":
      return rest[0] ? { kind: "kick", alias: rest[0] } : { kind: "error", message: "Type /kick alias." };
    case "stop":
      return { kind: "stop" };
    case "who":
      return { kind: "who" };
    case "help":
      return { kind: "help" };
    default:
      return { kind: "error", message: `There is no /${verb} here. ${SECRET_HELP}` };
  }
}

/** A display name as an alias: one word of the allowed characters (the person can change it). */
export function aliasFrom(displayName: string): string {
  const word = displayName
    .trim()
    .replace(/\s+/g, "_")
    .replace(/[^\p{L}\p{N}_.-]/gu, "")
    .slice(0, 32);
  return word || "guest";
}
