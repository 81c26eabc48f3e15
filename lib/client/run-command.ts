import { blockedText, helpText, membersText, profileText, roomLabel, roomsText, unblockedText, usersText } from "@/lib/client/command-output";
import type { Command } from "@/lib/client/commands";
import type { SendOptions } from "@/lib/client/chat-state";
import type { Requester } from "@/lib/client/request";
import type { MyRoom, PublicUser, SessionUser } from "@/lib/shared/types";

export type Outcome<T = null> = { ok: true; data: T } | { ok: false; error: string };

/**
 * What a command can do. The same functions sit behind the buttons, so a command and
 * its button always have the same effect.
 */
export interface CommandHost {
  me: SessionUser;
  /** The room on screen. */
  room: MyRoom | undefined;
  ask: Requester;
  print: (text: string, tone?: "output" | "error") => void;
  join: (input: { name: string; password?: string }) => Promise<Outcome<unknown>>;
  leave: (roomId: string) => Promise<Outcome<unknown>>;
  create: (input: {
    name: string;
    kind: "public" | "private" | "hidden";
    password?: string;
    memberLimit: number;
    description?: string;
  }) => Promise<Outcome<unknown>>;
  message: (usernames: string[], text: string) => Promise<Outcome<unknown>>;
  send: (body: string, options: SendOptions) => void;
  block: (usernames: string[]) => Promise<Outcome<PublicUser[]>>;
  unblock: (usernames: string[]) => Promise<Outcome<{ unblocked: PublicUser[]; notBlocked: PublicUser[] }>>;
  kick: (roomId: string, username: string) => Promise<Outcome<unknown>>;
  /** Opens the search results for `query` (the same panel as the header's search box). */
  search: (query: string) => void;
  quit: () => void;
}

const now = () => Date.now();

export async function runCommand(command: Command, host: CommandHost): Promise<void> {
  const { print, ask, room } = host;
  const fail = (error: string) => print(error, "error");
  const report = (outcome: Outcome<unknown>) => {
    if (!outcome.ok) fail(outcome.error);
  };

  switch (command.name) {
    case "help":
      return print(helpText());
    case "rooms": {
      const answer = await ask("room:mine", {});
      return answer.ok ? print(roomsText(answer.data.rooms, host.me.id)) : fail(answer.error.message);
    }
    case "join":
      return report(await host.join({ name: command.room, password: command.password }));
    case "leave": {
      if (!room) return fail("Open a room first.");
      if (room.kind === "dm") return fail("Direct messages can't be left; they stay in your sidebar.");
      const left = await host.leave(room.id);
      return left.ok ? print(`You left #${room.name}.`) : fail(left.error);
    }
    case "create":
      return report(await host.create({ name: command.room, kind: command.kind, password: command.password, memberLimit: command.memberLimit }));
    case "list": {
      if (!room) return fail("Open a room first.");
      const answer = await ask("room:members", { roomId: room.id });
      return answer.ok ? print(membersText(roomLabel(room, host.me.id), answer.data.members)) : fail(answer.error.message);
    }
    case "who": {
      const answer = await ask("presence:list", {});
      return answer.ok ? print(usersText("Online now", answer.data.users, "Nobody is online.")) : fail(answer.error.message);
    }
    case "last":
    case "active": {
      const answer = await ask(command.name === "last" ? "users:last" : "users:active", { minutes: command.minutes });
      const span = `the last ${command.minutes} minute${command.minutes === 1 ? "" : "s"}`;
      const title = command.name === "last" ? `Seen in ${span}` : `Active in ${span}`;
      const empty = command.name === "last" ? `Nobody was seen in ${span}.` : `Nobody did anything in ${span}.`;
      return answer.ok ? print(usersText(title, answer.data.users, empty)) : fail(answer.error.message);
    }
    case "check": {
      const answer = await ask("user:check", { username: command.username });
      return answer.ok ? print(profileText(answer.data, now())) : fail(answer.error.message);
    }
    case "msg":
      return report(await host.message(command.usernames, command.text));
    case "me":
      return room ? host.send(command.action, { kind: "me" }) : fail("Open a room first.");
    case "whisper":
      return room ? host.send(command.text, { whisperTo: command.username }) : fail("Open a room first.");
    case "block": {
      const outcome = await host.block(command.usernames);
      return outcome.ok ? print(blockedText("Blocked", outcome.data)) : fail(outcome.error);
    }
    case "unblock": {
      const outcome = await host.unblock(command.usernames);
      return outcome.ok ? print(unblockedText(outcome.data)) : fail(outcome.error);
    }
    case "kick":
      if (!room || room.kind === "dm") return fail("Open the room you want to kick someone from.");
      return report(await host.kick(room.id, command.username));
    case "search":
      return host.search(command.query);
    case "quit":
      return host.quit();
  }
}
