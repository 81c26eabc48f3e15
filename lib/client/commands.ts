import { findCommand } from "@/lib/client/command-catalog";

/** A slash command, parsed and checked for shape; the server still has the last word. */
export type Command =
  | { name: "help" | "rooms" | "leave" | "list" | "who" | "quit" }
  | { name: "join"; room: string; password?: string }
  | { name: "create"; room: string; kind: "public" | "private" | "hidden"; password?: string; memberLimit: number }
  | { name: "msg"; usernames: string[]; text: string }
  | { name: "me"; action: string }
  | { name: "search"; query: string }
  | { name: "whisper"; username: string; text: string }
  | { name: "last" | "active"; minutes: number }
  | { name: "check" | "kick"; username: string }
  | { name: "block" | "unblock"; usernames: string[] };

export type ParseResult = { ok: true; command: Command } | { ok: false; error: string };

export const MAX_DM_OTHERS = 9;

const fail = (error: string): ParseResult => ({ ok: false, error });
const ok = (command: Command): ParseResult => ({ ok: true, command });
const usage = (name: string) => fail(`Usage: ${findCommand(name)?.usage ?? `/${name}`}`);
const stripAt = (name: string) => name.replace(/^@/, "").toLowerCase();

/** Splits off the first whitespace-separated word. */
function firstWord(text: string): [string, string] {
  const match = /^(\S+)\s*([\s\S]*)$/.exec(text.trim());
  return match ? [match[1] ?? "", match[2] ?? ""] : ["", ""];
}

/** `alice` or `(alice bob)` at the start of the text → the names and what follows. */
export function readUserList(text: string): { usernames: string[]; rest: string } | { error: string } {
  const trimmed = text.trim();
  if (trimmed.startsWith("(")) {
    const close = trimmed.indexOf(")");
    if (close < 0) return { error: "Close the list of names with )" };
    const usernames = trimmed
      .slice(1, close)
      .split(/[\s,]+/)
      .filter(Boolean)
      .map(stripAt);
    if (usernames.length === 0) return { error: "Put at least one name inside ( )" };
    return { usernames: [...new Set(usernames)], rest: trimmed.slice(close + 1).trim() };
  }
  const [name, rest] = firstWord(trimmed);
  return name ? { usernames: [stripAt(name)], rest } : { usernames: [], rest: "" };
}

function parseMinutes(name: "last" | "active", arg: string): ParseResult {
  if (!arg) return usage(name);
  const minutes = Number(arg);
  if (!/^\d+$/.test(arg) || minutes < 1 || minutes > 60) return fail("Give a number of minutes from 1 to 60");
  return ok({ name, minutes });
}

function parseCreate(args: string): ParseResult {
  const words = args.split(/\s+/).filter(Boolean);
  const room = words.shift();
  if (!room || room.startsWith("--")) return usage("create");
  let kind: "public" | "private" | "hidden" = "public";
  let password: string | undefined;
  let memberLimit = 0;
  while (words.length) {
    const flag = words.shift();
    if (flag === "--hidden") kind = "hidden";
    else if (flag === "--private") {
      password = words.shift();
      if (!password || password.startsWith("--")) return fail("--private needs a password: /create <room> --private <password>");
      if (kind !== "hidden") kind = "private";
    } else if (flag === "--limit") {
      const value = words.shift() ?? "";
      if (!/^\d+$/.test(value)) return fail("--limit needs a whole number of members (0 = no limit)");
      memberLimit = Number(value);
    } else return fail(`Unknown option ${flag} — ${findCommand("create")?.usage}`);
  }
  return ok({ name: "create", room: room.replace(/^#/, ""), kind, password, memberLimit });
}

function parseNamed(name: string, args: string): ParseResult {
  switch (name) {
    case "help":
    case "rooms":
    case "leave":
    case "list":
    case "who":
    case "quit":
      return ok({ name });
    case "join": {
      const [room, password] = firstWord(args);
      if (!room) return usage("join");
      return ok({ name: "join", room: room.replace(/^#/, ""), ...(password ? { password } : {}) });
    }
    case "create":
      return parseCreate(args);
    case "msg": {
      const list = readUserList(args);
      if ("error" in list) return fail(list.error);
      if (list.usernames.length === 0 || !list.rest) return usage("msg");
      if (list.usernames.length > MAX_DM_OTHERS) return fail(`Group messages can include at most ${MAX_DM_OTHERS} others`);
      return ok({ name: "msg", usernames: list.usernames, text: list.rest });
    }
    case "me":
      return args ? ok({ name: "me", action: args }) : usage("me");
    case "search":
      return args ? ok({ name: "search", query: args }) : usage("search");
    case "whisper": {
      const [user, text] = firstWord(args);
      return user && text ? ok({ name: "whisper", username: stripAt(user), text }) : usage("whisper");
    }
    case "last":
    case "active":
      return parseMinutes(name, args.trim());
    case "check":
    case "kick": {
      const [user, extra] = firstWord(args);
      if (!user || extra) return usage(name);
      return ok({ name, username: stripAt(user) });
    }
    case "block":
    case "unblock": {
      const list = readUserList(args);
      if ("error" in list) return fail(list.error);
      const usernames = [...new Set([...list.usernames, ...list.rest.split(/\s+/).filter(Boolean).map(stripAt)])];
      return usernames.length ? ok({ name, usernames }) : usage(name);
    }
    default:
      return fail(`Unknown command /${name} — type /help`);
  }
}

/** Parses `/name args…`; the text must start with `/`. */
export function parseCommand(input: string): ParseResult {
  const text = input.trim();
  const match = /^\/(\S*)\s*([\s\S]*)$/.exec(text);
  if (!match?.[1]) return fail("Type a command name after / — type /help for the list");
  const typed = match[1];
  const command = findCommand(typed);
  if (!command) return fail(`Unknown command /${typed} — type /help`);
  // Message text keeps its inner line breaks; arguments lose only outer spaces.
  return parseNamed(command.name, (match[2] ?? "").trim());
}
