import { describe, expect, it } from "vitest";
import { completeCommand, COMMANDS, findCommand, paletteFor } from "@/lib/client/command-catalog";
import { isCommandText, unescapeMessage } from "@/lib/client/command-text";
import { parseCommand, readUserList } from "@/lib/client/commands";

const parsed = (text: string) => {
  const result = parseCommand(text);
  if (!result.ok) throw new Error(`expected ${text} to parse, got: ${result.error}`);
  return result.command;
};
const error = (text: string) => {
  const result = parseCommand(text);
  if (result.ok) throw new Error(`expected ${text} to fail`);
  return result.error;
};

describe("parseCommand", () => {
  it("reads commands without arguments, in any case", () => {
    for (const name of ["help", "rooms", "leave", "list", "who", "quit"]) expect(parsed(`/${name}`)).toEqual({ name });
    expect(parsed("/HELP")).toEqual({ name: "help" });
  });

  it("answers an unknown command with the sentence from the issue", () => {
    expect(error("/foo")).toBe("Unknown command /foo — type /help");
    expect(error("/foo bar baz")).toBe("Unknown command /foo — type /help");
    expect(error("/")).toMatch(/Type a command name/);
  });

  it("/join takes a room, an optional # and an optional password", () => {
    expect(parsed("/join lobby")).toEqual({ name: "join", room: "lobby" });
    expect(parsed("/join #Lobby s3cret")).toEqual({ name: "join", room: "Lobby", password: "s3cret" });
    expect(parsed("/join vault two words")).toEqual({ name: "join", room: "vault", password: "two words" });
    expect(error("/join")).toBe("Usage: /join <room> [password]");
  });

  it("/create reads --private, --hidden and --limit in any order", () => {
    expect(parsed("/create lobby")).toEqual({ name: "create", room: "lobby", kind: "public", password: undefined, memberLimit: 0 });
    expect(parsed("/create vault --private pw --limit 5")).toEqual({ name: "create", room: "vault", kind: "private", password: "pw", memberLimit: 5 });
    expect(parsed("/create den --hidden")).toMatchObject({ kind: "hidden", password: undefined });
    expect(parsed("/create den --private pw --hidden")).toMatchObject({ kind: "hidden", password: "pw" });
    expect(parsed("/create den --hidden --private pw")).toMatchObject({ kind: "hidden", password: "pw" });
  });

  it("/create explains bad options", () => {
    expect(error("/create")).toBe("Usage: /create <room> [--private password] [--hidden] [--limit N]");
    expect(error("/create --hidden")).toMatch(/^Usage/);
    expect(error("/create vault --private")).toMatch(/--private needs a password/);
    expect(error("/create vault --private --hidden")).toMatch(/--private needs a password/);
    expect(error("/create vault --limit ten")).toMatch(/--limit needs a whole number/);
    expect(error("/create vault --limit -1")).toMatch(/--limit needs a whole number/);
    expect(error("/create vault --secret")).toMatch(/^Unknown option --secret/);
  });

  it("/msg takes one user or a parenthesised group of up to 9", () => {
    expect(parsed("/msg alice hi there")).toEqual({ name: "msg", usernames: ["alice"], text: "hi there" });
    expect(parsed("/msg @Alice hi")).toEqual({ name: "msg", usernames: ["alice"], text: "hi" });
    expect(parsed("/msg (alice bob carol) hi all")).toEqual({ name: "msg", usernames: ["alice", "bob", "carol"], text: "hi all" });
    expect(parsed("/msg (alice, bob alice)hi")).toEqual({ name: "msg", usernames: ["alice", "bob"], text: "hi" });
    expect(parsed("/msg bob line one\nline two")).toMatchObject({ text: "line one\nline two" });
  });

  it("/msg refuses missing text, open lists and groups over 9", () => {
    expect(error("/msg alice")).toBe("Usage: /msg <user|(u1 u2 …)> <text>");
    expect(error("/msg")).toMatch(/^Usage/);
    expect(error("/msg (alice bob hi")).toBe("Close the list of names with )");
    expect(error("/msg () hi")).toBe("Put at least one name inside ( )");
    expect(error("/msg (a b c d e f g h i j) hi")).toBe("Group messages can include at most 9 others");
    expect(parsed("/msg (a b c d e f g h i) hi")).toMatchObject({ usernames: ["a", "b", "c", "d", "e", "f", "g", "h", "i"] });
  });

  it("/me and /whisper (alias /purr)", () => {
    expect(parsed("/me waves")).toEqual({ name: "me", action: "waves" });
    expect(error("/me")).toBe("Usage: /me <action>");
    expect(parsed("/whisper bob psst, over here")).toEqual({ name: "whisper", username: "bob", text: "psst, over here" });
    expect(parsed("/purr @Bob meow")).toEqual({ name: "whisper", username: "bob", text: "meow" });
    expect(error("/whisper bob")).toBe("Usage: /whisper <user> <text>");
    expect(error("/purr")).toBe("Usage: /whisper <user> <text>");
  });

  it("/search keeps the whole query, quotes and filters included", () => {
    expect(parsed('/search "release notes" from:@Ann in:#dev')).toEqual({ name: "search", query: '"release notes" from:@Ann in:#dev' });
    expect(error("/search")).toBe("Usage: /search <query>");
  });

  it("/last and /active take 1–60 whole minutes", () => {
    expect(parsed("/last 1")).toEqual({ name: "last", minutes: 1 });
    expect(parsed("/active 60")).toEqual({ name: "active", minutes: 60 });
    for (const bad of ["0", "61", "1.5", "-3", "ten"]) expect(error(`/last ${bad}`)).toBe("Give a number of minutes from 1 to 60");
    expect(error("/active")).toBe("Usage: /active <minutes>");
  });

  it("/check and /kick take exactly one user", () => {
    expect(parsed("/check @Alice")).toEqual({ name: "check", username: "alice" });
    expect(parsed("/kick bob")).toEqual({ name: "kick", username: "bob" });
    expect(error("/kick")).toBe("Usage: /kick <user>");
    expect(error("/check alice bob")).toBe("Usage: /check <user>");
  });

  it("/block and /unblock take one user or a list", () => {
    expect(parsed("/block alice")).toEqual({ name: "block", usernames: ["alice"] });
    expect(parsed("/block (alice bob)")).toEqual({ name: "block", usernames: ["alice", "bob"] });
    expect(parsed("/unblock (Alice @bob)")).toEqual({ name: "unblock", usernames: ["alice", "bob"] });
    expect(error("/unblock")).toBe("Usage: /unblock <user|(u1 u2 …)>");
  });
});

describe("command text", () => {
  it("treats a leading / as a command and // as an escaped slash", () => {
    expect(isCommandText("/help")).toBe(true);
    expect(isCommandText("  /help")).toBe(true);
    expect(isCommandText("hello /help")).toBe(false);
    expect(isCommandText("//shrug")).toBe(false);
    expect(unescapeMessage("//shrug")).toBe("/shrug");
    expect(unescapeMessage("plain")).toBe("plain");
  });

  it("reads user lists", () => {
    expect(readUserList("(a b) rest")).toEqual({ usernames: ["a", "b"], rest: "rest" });
    expect(readUserList("a rest of it")).toEqual({ usernames: ["a"], rest: "rest of it" });
  });
});

describe("command palette", () => {
  it("lists every command, with usage, for a bare slash", () => {
    const state = paletteFor("/");
    expect(state.mode).toBe("names");
    expect(state.options.map((c) => c.name)).toEqual(COMMANDS.map((c) => c.name));
    expect(state.options.every((c) => c.usage.startsWith(`/${c.name}`))).toBe(true);
  });

  it("filters as you type, prefix matches first", () => {
    expect(paletteFor("/jo").options.map((c) => c.name)).toEqual(["join"]);
    expect(paletteFor("/l").options.map((c) => c.name)).toEqual(["leave", "list", "last", "help", "block", "unblock"]);
    expect(paletteFor("/pu").options.map((c) => c.name)).toEqual(["whisper"]);
    expect(paletteFor("/zzz").mode).toBe("closed");
  });

  it("shows only the usage once a known command has a space after it", () => {
    expect(paletteFor("/join lob")).toMatchObject({ mode: "usage", options: [{ name: "join" }] });
    expect(paletteFor("/purr bob")).toMatchObject({ mode: "usage", options: [{ name: "whisper" }] });
    expect(paletteFor("/nope x").mode).toBe("closed");
  });

  it("stays closed for messages, escaped slashes and multi-line text", () => {
    expect(paletteFor("hello").mode).toBe("closed");
    expect(paletteFor("//shrug").mode).toBe("closed");
    expect(paletteFor("/me a\nb").mode).toBe("closed");
  });

  it("completes /jo to /join with room for the argument, and keeps an alias the user typed", () => {
    expect(completeCommand(findCommand("join")!, "jo")).toBe("/join ");
    expect(completeCommand(findCommand("help")!, "he")).toBe("/help");
    expect(completeCommand(findCommand("whisper")!, "pu")).toBe("/purr ");
    expect(completeCommand(findCommand("whisper")!, "")).toBe("/whisper ");
  });
});
