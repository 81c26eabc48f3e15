/** Every slash command the composer understands: the palette, /help and the parser share this list. */
export interface CommandInfo {
  name: string;
  aliases: string[];
  usage: string;
  summary: string;
  /** Whether the command needs something after its name (Enter on the bare name completes instead of running). */
  takesArgs: boolean;
}

const info = (name: string, usage: string, summary: string, aliases: string[] = []): CommandInfo => ({
  name,
  aliases,
  usage,
  summary,
  takesArgs: usage.includes("<"),
});

export const COMMANDS: CommandInfo[] = [
  info("help", "/help", "List the commands"),
  info("rooms", "/rooms", "Rooms you belong to, with unread counts"),
  info("join", "/join <room> [password]", "Join or switch to a room"),
  info("leave", "/leave", "Leave this room"),
  info("create", "/create <room> [--private password] [--hidden] [--limit N]", "Create a room"),
  info("list", "/list", "Members of this room"),
  info("who", "/who", "Everyone online"),
  info("msg", "/msg <user|(u1 u2 …)> <text>", "Send a direct message (up to 9 people)"),
  info("me", "/me <action>", "Say what you are doing: * Alice waves"),
  info("whisper", "/whisper <user> <text>", "Whisper to one member of this room", ["purr"]),
  info("search", "/search <query>", 'Search messages: words, "a phrase", from:user in:#room has:link has:file before:/after:YYYY-MM-DD mentions:me'),
  info("last", "/last <minutes>", "Users seen in the last N minutes (1–60)"),
  info("active", "/active <minutes>", "Users who did anything in the last N minutes (1–60)"),
  info("check", "/check <user>", "Someone's public profile"),
  info("block", "/block <user|(u1 u2 …)>", "Block users: they can't DM or whisper you"),
  info("unblock", "/unblock <user|(u1 u2 …)>", "Unblock users"),
  info("kick", "/kick <user>", "Remove someone from this room (owner or moderator)"),
  info("quit", "/quit", "Log out"),
];

export function findCommand(name: string): CommandInfo | undefined {
  const key = name.toLowerCase();
  return COMMANDS.find((c) => c.name === key || c.aliases.includes(key));
}

export type PaletteState =
  /** Typing a command name: the matching commands, best first. */
  | { mode: "names"; typed: string; options: CommandInfo[] }
  /** A known command and its arguments: only its usage is shown. */
  | { mode: "usage"; options: CommandInfo[] }
  | { mode: "closed"; options: [] };

const closed: PaletteState = { mode: "closed", options: [] };

/** What the palette shows for the composer's text. */
export function paletteFor(text: string): PaletteState {
  if (!text.startsWith("/") || text.startsWith("//") || text.includes("\n")) return closed;
  const match = /^\/(\S*)(\s?)/.exec(text);
  const typed = (match?.[1] ?? "").toLowerCase();
  if (match?.[2]) {
    const command = findCommand(typed);
    return command ? { mode: "usage", options: [command] } : closed;
  }
  const names = (c: CommandInfo) => [c.name, ...c.aliases];
  const starts = COMMANDS.filter((c) => names(c).some((n) => n.startsWith(typed)));
  const contains = COMMANDS.filter((c) => !starts.includes(c) && names(c).some((n) => n.includes(typed)));
  const options = [...starts, ...contains];
  return options.length ? { mode: "names", typed, options } : closed;
}

/** The composer text after picking a command in the palette. */
export function completeCommand(command: CommandInfo, typed = ""): string {
  const name = command.name.startsWith(typed) ? command.name : (command.aliases.find((a) => a.startsWith(typed)) ?? command.name);
  return command.takesArgs ? `/${name} ` : `/${name}`;
}
