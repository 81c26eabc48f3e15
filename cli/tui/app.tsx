import fs from "node:fs";
import tty from "node:tty";
import { Box, render, Text, useApp, useInput, useStdout } from "ink";
import { useEffect, useRef, useState, useSyncExternalStore } from "react";
import type { ChatClient } from "@/cli/chat-client";
import type { CliEvent } from "@/cli/events";
import { messageText } from "@/cli/format";
import type { TerminalActions } from "@/cli/terminal-commands";
import { runLine } from "@/cli/terminal-commands";
import type { StreamItem } from "@/lib/client/chat-state";
import type { ChatStore } from "@/lib/client/chat-store";
import { activeStream, conversationTitle, sidebarSections } from "@/lib/client/chat-store";
import type { MyRoom } from "@/lib/shared/types";

/** Re-renders follow the chat client's store: it calls `changed` after every change. */
export function createViewModel() {
  const listeners = new Set<() => void>();
  let version = 0;
  let status = "Connecting…";
  return {
    changed: () => {
      version++;
      for (const l of listeners) l();
    },
    subscribe: (listener: () => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    version: () => version,
    get status() {
      return status;
    },
    setStatus(text: string) {
      status = text;
      this.changed();
    },
  };
}

export type ViewModel = ReturnType<typeof createViewModel>;

const time = (iso: string) => new Date(iso).toTimeString().slice(0, 5);

function lineFor(item: StreamItem): { text: string; color?: string; dim?: boolean } {
  if (item.kind === "message") return { text: `${time(item.message.createdAt)} ${messageText(item.message)}`, dim: item.message.removed };
  if (item.kind === "pending")
    return item.status === "failed"
      ? { text: `${item.author.username}: ${item.body} — not sent: ${item.error ?? ""}`, color: "red" }
      : { text: `${item.author.username}: ${item.body} (sending…)`, dim: true };
  return { text: item.text, color: item.tone === "error" ? "red" : item.tone === "output" ? "cyan" : undefined, dim: item.tone === "presence" };
}

/** The rooms in sidebar order, so Alt+1…9 pick the one with that number. */
export function roomOrder(store: ChatStore): MyRoom[] {
  const { rooms, dms } = sidebarSections(store);
  return [...rooms, ...dms];
}

function roomLabel(room: MyRoom, meId: string): string {
  const name = room.kind === "dm" ? conversationTitle(room, meId) : `#${room.name}`;
  const counts = room.unread > 0 ? ` (${room.unread}${room.mentions ? `, @${room.mentions}` : ""})` : "";
  return `${name}${counts}`;
}

function App(props: { client: ChatClient; view: ViewModel; actions: TerminalActions }) {
  const { client, view, actions } = props;
  useSyncExternalStore(view.subscribe, view.version);
  const { exit } = useApp();
  const { stdout } = useStdout();
  const [size, setSize] = useState({ rows: stdout.rows || 24, columns: stdout.columns || 80 });
  // The line being typed lives in a ref: a paste arrives as one chunk, newlines included, faster than renders.
  const typing = useRef({ text: "", history: [] as string[], back: -1 });
  const [input, setInput] = useState("");
  useEffect(() => {
    const resized = () => setSize({ rows: stdout.rows || 24, columns: stdout.columns || 80 });
    stdout.on("resize", resized);
    return () => {
      stdout.off("resize", resized);
    };
  }, [stdout]);

  const store = client.store;
  const meId = client.me?.id ?? "";
  const order = store ? roomOrder(store) : [];
  const open = async (room: MyRoom | undefined) => {
    if (!room || !store) return;
    client.dispatch({ type: "activate", roomId: room.id });
    if (!client.store?.streams[room.id]?.loaded) await client.load(room.id);
    client.markRead(room.id);
  };

  useInput((typed, key) => {
    if (key.ctrl && typed === "c") return exit();
    if (key.meta && /^[1-9]$/.test(typed)) return void open(order[Number(typed) - 1]);
    const state = typing.current;
    const show = (text: string) => {
      state.text = text;
      setInput(text);
    };
    const submit = () => {
      const line = state.text;
      show("");
      state.back = -1;
      if (!line.trim()) return;
      state.history.push(line);
      // Typed before the rooms were in: it runs once they are.
      client.firstLoad.then(() => runLine(line, client, actions)).catch((error: unknown) => actions.print(String(error), "error"));
    };
    if (key.return) return submit();
    if (key.upArrow || key.downArrow) {
      state.back = key.upArrow ? Math.min(state.back + 1, state.history.length - 1) : Math.max(state.back - 1, -1);
      return show(state.back < 0 ? "" : (state.history[state.history.length - 1 - state.back] ?? ""));
    }
    if (key.backspace || key.delete) return show(state.text.slice(0, -1));
    if (key.ctrl && typed === "u") return show("");
    if (key.ctrl || key.meta || !typed) return;
    const parts = typed.split(/\r\n?|\n/);
    parts.forEach((part, i) => {
      show(state.text + part);
      if (i < parts.length - 1) submit();
    });
  });

  const paneRows = Math.max(3, size.rows - 5);
  const active = store?.rooms[store.activeId];
  const lines = store
    ? activeStream(store)
        .items.slice(-paneRows)
        .map((item) => ({ key: item.key, ...lineFor(item) }))
    : [];
  return (
    <Box flexDirection="column" height={size.rows} width={size.columns}>
      <Box flexGrow={1}>
        <Box flexDirection="column" width={Math.min(28, Math.floor(size.columns / 3))} borderStyle="single" paddingX={1}>
          <Text bold>Rooms</Text>
          {order.map((room, i) => (
            <Text key={room.id} inverse={room.id === store?.activeId} bold={room.unread > 0} wrap="truncate-end">
              {i < 9 ? `${i + 1} ` : "  "}
              {roomLabel(room, meId)}
            </Text>
          ))}
        </Box>
        <Box flexDirection="column" flexGrow={1} borderStyle="single" paddingX={1}>
          <Text bold wrap="truncate-end">
            {active ? (active.kind === "dm" ? conversationTitle(active, meId) : `#${active.name}`) : "Loading…"}
          </Text>
          {lines.slice(-(paneRows - 1)).map((line) => (
            <Text key={line.key} color={line.color} dimColor={line.dim} wrap="truncate-end">
              {line.text}
            </Text>
          ))}
        </Box>
      </Box>
      <Text inverse wrap="truncate-end">
        {` ${view.status} · Alt+1…9 switch rooms · /help · /quit `}
      </Text>
      <Text wrap="truncate-start">{`> ${input}█`}</Text>
    </Box>
  );
}

/** What the chat client says, in the full-screen view: notices go to the status line, the rest into the room on screen. */
export function tuiEmitter(view: ViewModel, client: () => ChatClient | null) {
  return (event: CliEvent) => {
    if (event.type === "status") return view.setStatus(event.text);
    if (event.type === "message" || event.type === "updated") return;
    const c = client();
    const roomId = c?.store?.activeId;
    if (!c || !roomId) return;
    c.dispatch({
      type: "stream",
      roomId,
      action: { type: "system", text: event.text, tone: event.type === "error" ? "error" : event.type === "system" ? "presence" : "output" },
    });
  };
}

/** Runs the full-screen view until /quit, /logout, Ctrl+C or `stopping`. */
export async function runTui(client: ChatClient, view: ViewModel, actions: TerminalActions, stopping: Promise<void>): Promise<void> {
  let unmount = () => {};
  const leaving: TerminalActions = {
    ...actions,
    quit: () => {
      actions.quit();
      unmount();
    },
    logout: async () => {
      await actions.logout();
      unmount();
    },
  };
  // A stream of its own on the terminal: the login prompts' readline leaves process.stdin in a state ink does not read from.
  const stdin = new tty.ReadStream(fs.openSync("/dev/tty", "r"));
  const app = render(<App client={client} view={view} actions={leaving} />, { exitOnCtrlC: false, stdin });
  unmount = () => app.unmount();
  // The server ended the session, or refused it: the caller says why once the screen is back.
  void stopping.then(unmount);
  await app.waitUntilExit();
  stdin.destroy();
}
