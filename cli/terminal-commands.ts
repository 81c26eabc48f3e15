import type { ChatClient } from "@/cli/chat-client";
import { activeRoom, activeStream } from "@/lib/client/chat-store";
import { helpText } from "@/lib/client/command-output";
import { createdText, kickedText } from "@/lib/client/room-notices";
import { isCommandText, unescapeMessage } from "@/lib/client/command-text";
import { parseCommand } from "@/lib/client/commands";
import type { CommandHost, Outcome } from "@/lib/client/run-command";
import { runCommand } from "@/lib/client/run-command";
import type { Ack } from "@/lib/shared/events";
import type { ChatMessage } from "@/lib/shared/types";

/** The verbs a terminal has instead of buttons on a message, and its own way out. */
export const TERMINAL_VERBS = [
  { name: "edit", usage: "/edit <text>", summary: "Change your last message in this room" },
  { name: "delete", usage: "/delete", summary: "Delete your last message in this room" },
  { name: "react", usage: "/react <emoji>", summary: "React to the last message in this room" },
  { name: "reply", usage: "/reply <text>", summary: "Answer the last message someone else sent in this room" },
  { name: "logout", usage: "/logout", summary: "Log out and forget this server's saved session" },
] as const;

/** The web chat's /help, with the terminal's verbs, and /quit that only exits. */
export function terminalHelp(): string {
  const lines = helpText()
    .split("\n")
    .map((line) => (line.startsWith("/quit") ? "/quit — Exit (your session stays saved; /logout ends it)" : line));
  const tail = lines.pop() ?? "";
  return [...lines, ...TERMINAL_VERBS.map((v) => `${v.usage} — ${v.summary}`), tail].join("\n");
}

const failed = (answer: Extract<Ack<unknown>, { ok: false }>): Outcome<never> => ({ ok: false, error: answer.error.message });

export interface TerminalActions {
  print: (text: string, tone?: "output" | "error") => void;
  quit: () => void;
  logout: () => Promise<void>;
  /** `/search <query>`: the server's message search, printed as lines. */
  search: (query: string) => Promise<void>;
}

/** What each command does in a terminal: the web chat's effects, through the same protocol. */
export function terminalHost(client: ChatClient, actions: TerminalActions): CommandHost {
  const { ask, dispatch } = client;
  const store = () => client.store!;
  const activate = async (roomId: string) => {
    dispatch({ type: "activate", roomId });
    if (!store().streams[roomId]?.loaded) await client.load(roomId);
  };
  return {
    me: client.me!,
    room: activeRoom(store()),
    ask,
    print: actions.print,
    search: (query) => void actions.search(query),
    async join(input) {
      const answer = await ask("room:join", input);
      if (!answer.ok) return failed(answer);
      if (!store().streams[answer.data.room.id]?.loaded) await client.load(answer.data.room.id);
      dispatch({ type: "activate", roomId: answer.data.room.id });
      actions.print(`You are in #${answer.data.room.name}.`);
      return { ok: true, data: answer.data.room };
    },
    async leave(roomId) {
      const answer = await ask("room:leave", { roomId });
      if (!answer.ok) return failed(answer);
      dispatch({ type: "remove", roomId });
      return { ok: true, data: null };
    },
    async create(input) {
      const answer = await ask("room:create", { ...input, password: input.password || undefined });
      if (!answer.ok) return failed(answer);
      dispatch({ type: "upsert", room: answer.data });
      await activate(answer.data.id);
      actions.print(createdText(answer.data));
      return { ok: true, data: answer.data };
    },
    async message(usernames, text) {
      const answer = await ask("dm:open", { usernames });
      if (!answer.ok) return failed(answer);
      dispatch({ type: "upsert", room: answer.data });
      await activate(answer.data.id);
      client.send(text, {}, answer.data.id);
      return { ok: true, data: null };
    },
    send: (body, options) => client.send(body, options),
    async block(usernames) {
      const answer = await ask("block:add", { usernames });
      return answer.ok ? { ok: true, data: answer.data.blocked } : failed(answer);
    },
    async unblock(usernames) {
      const answer = await ask("block:remove", { usernames });
      return answer.ok ? { ok: true, data: answer.data } : failed(answer);
    },
    async kick(roomId, username) {
      const answer = await ask("room:kick", { roomId, username });
      if (!answer.ok) return failed(answer);
      actions.print(kickedText(username));
      return { ok: true, data: null };
    },
    quit: actions.quit,
  };
}

/** The newest stored message in the room in use that `pick` accepts. */
function lastMessage(client: ChatClient, pick: (m: ChatMessage) => boolean): ChatMessage | undefined {
  const items = activeStream(client.store!).items;
  for (let i = items.length - 1; i >= 0; i--) {
    const item = items[i]!;
    if (item.kind === "message" && !item.message.removed && pick(item.message)) return item.message;
  }
  return undefined;
}

async function runVerb(name: string, args: string, client: ChatClient, actions: TerminalActions): Promise<void> {
  const { print } = actions;
  const fail = (text: string) => print(text, "error");
  const room = activeRoom(client.store!);
  const meId = client.me?.id;
  if (name === "logout") return actions.logout();
  if (!room) return fail("Open a room first.");
  const usage = TERMINAL_VERBS.find((v) => v.name === name)!.usage;
  const mine = (m: ChatMessage) => m.author.id === meId;
  const report = (answer: Ack<ChatMessage>) => {
    if (!answer.ok) return fail(answer.error.message);
    client.dispatch({ type: "stream", roomId: room.id, action: { type: "updated", messages: [answer.data] } });
  };
  switch (name) {
    case "edit": {
      if (!args) return fail(`Usage: ${usage}`);
      const target = lastMessage(client, mine);
      if (!target) return fail("You have no message here to edit.");
      return report(await client.ask("message:edit", { roomId: room.id, messageId: target.id, body: args }));
    }
    case "delete": {
      const target = lastMessage(client, mine);
      if (!target) return fail("You have no message here to delete.");
      return report(await client.ask("message:delete", { roomId: room.id, messageId: target.id }));
    }
    case "react": {
      if (!args || /\s/.test(args)) return fail(`Usage: ${usage}`);
      const target = lastMessage(client, () => true);
      if (!target) return fail("There is no message here to react to yet.");
      return report(await client.ask("reaction:add", { roomId: room.id, messageId: target.id, emoji: args }));
    }
    case "reply": {
      if (!args) return fail(`Usage: ${usage}`);
      const target = lastMessage(client, (m) => !mine(m));
      if (!target) return fail("Nobody else has written here yet.");
      // A whisper is answered by a whisper between the same two people.
      const whisperTo = target.kind === "whisper" ? target.author.username : undefined;
      return client.send(args, { replyTo: target.id, ...(whisperTo ? { whisperTo } : {}) });
    }
  }
}

/** One line the person typed: a message for the room in use, or a command. */
export async function runLine(line: string, client: ChatClient, actions: TerminalActions): Promise<void> {
  const text = line.trim();
  if (!text) return;
  if (!isCommandText(text)) {
    if (!activeRoom(client.store!)) return actions.print("Open a room first.", "error");
    return client.send(unescapeMessage(text));
  }
  const match = /^\/(\S+)\s*([\s\S]*)$/.exec(text);
  const name = match?.[1]?.toLowerCase() ?? "";
  if (TERMINAL_VERBS.some((v) => v.name === name)) return runVerb(name, (match?.[2] ?? "").trim(), client, actions);
  if (name === "help") return actions.print(terminalHelp());
  const parsed = parseCommand(text);
  if (!parsed.ok) return actions.print(parsed.error, "error");
  await runCommand(parsed.command, terminalHost(client, actions));
}
