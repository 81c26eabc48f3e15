import { searchLines } from "@/cli/search";
import readline from "node:readline";
import { readOptions } from "@/cli/args";
import { logOut } from "@/cli/auth";
import type { ChatClient, Fatal } from "@/cli/chat-client";
import { createChatClient } from "@/cli/chat-client";
import type { CliEvent } from "@/cli/events";
import { eventJson, eventText } from "@/cli/format";
import { obtainSession } from "@/cli/login";
import { deleteSession, readSession } from "@/cli/session-file";
import { runLine } from "@/cli/terminal-commands";
import { createRemoteSocket } from "@/lib/client/socket";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The terminal client in line mode: events on stdout, one a line (or one JSON object a
 * line with --json); lines from stdin are messages for the room in use or slash commands.
 * At the end of stdin it waits until every message was acknowledged, then exits:
 * 0 when everything went through, 1 when something was refused.
 */
async function main(): Promise<number> {
  const env = process.env;
  const parsed = readOptions(process.argv.slice(2), env);
  if (!parsed.ok) {
    (parsed.help ? process.stdout : process.stderr).write(`${parsed.error}\n`);
    return parsed.help ? 0 : 2;
  }
  const { options } = parsed;
  const retrySeconds = Math.max(1, Number(env.PARLEY_RETRY_SECONDS) || 5);
  const tty = !!process.stdin.isTTY;
  /** The full-screen view on a terminal; line mode when asked for or when stdin is a pipe. */
  const fullScreen = tty && !!process.stdout.isTTY && !options.lines;
  // ink decides at import whether it may draw (a CI variable makes it print only the last frame):
  // full screen is chosen only on a real terminal, so it loads after that choice, told so.
  const tui = fullScreen ? await loadTui() : null;
  let failed = false;

  const write = (event: CliEvent) => {
    if (event.type === "error") failed = true;
    if (options.json) return void process.stdout.write(`${eventJson(event)}\n`);
    const stream = event.type === "error" || event.type === "status" ? process.stderr : process.stdout;
    stream.write(`${eventText(event)}\n`);
  };
  const say = (text: string) => write({ type: "status", state: "offline", text });

  const rl = readline.createInterface({ input: process.stdin, output: tty ? process.stdout : undefined, terminal: tty });
  const queue: string[] = [];
  let wake: () => void = () => {};
  let ended = false;
  rl.on("line", (line) => {
    queue.push(line);
    wake();
  });
  // Ctrl+C on a terminal: leave at once (the session stays saved).
  rl.on("SIGINT", () => process.exit(130));
  rl.on("close", () => {
    ended = true;
    wake();
  });

  for (;;) {
    let session = options.signup ? null : readSession(options.url, env);
    session ??= await obtainSession({ url: options.url, signup: options.signup, rl: tty ? rl : null, env, retrySeconds, say });
    if (!session) return 1;
    options.signup = false;

    let stop: () => void = () => {};
    const stopping = new Promise<void>((resolve) => (stop = resolve));
    const socket = createRemoteSocket(options.url, session.cookie, retrySeconds * 1000);
    let fatal: Fatal | null = null;
    const view = tui ? tui.createViewModel() : null;
    const emit = tui && view ? tui.tuiEmitter(view, () => client) : write;
    const client: ChatClient = createChatClient({
      socket,
      url: options.url,
      retrySeconds,
      emit,
      readsEverything: !view,
      onChange: view?.changed,
      fatal: (f) => {
        fatal ??= f;
        stop();
        wake();
      },
    });
    let quit: number | null = null;
    const actions = {
      print: (text: string, tone: "output" | "error" = "output") => emit({ type: tone, text }),
      quit: () => {
        quit = 0;
      },
      logout: async () => {
        await logOut(options.url, session.cookie);
        deleteSession(options.url, env);
        emit({ type: "output", text: "You logged out. The saved session for this server is gone." });
        quit = 0;
      },
      search: async (query: string) => {
        for (const line of await searchLines(options.url, session.cookie, query)) emit({ type: line.error ? "error" : "output", text: line.text });
      },
    };
    client.start();
    if (view) {
      // The full-screen view owns the terminal from here; the prompts are done.
      rl.close();
      void client.firstLoad.then(() => view.setStatus(`Online as ${client.me?.username} on ${options.url}`));
      await tui!.runTui(client, view, actions, stopping);
      client.stop();
      const stopped = fatal as Fatal | null;
      if (stopped) {
        if (stopped.kind !== "refused") deleteSession(options.url, env);
        process.stdout.write(`${stopped.text}${stopped.kind === "refused" ? "" : " Run parley again to log in."}\n`);
        return 1;
      }
      return 0;
    }
    await Promise.race([client.firstLoad, stopping]);
    if (!fatal) {
      const hint = tty ? " Type /help for the commands, /quit to exit." : "";
      write({ type: "status", state: "online", text: `Connected to ${options.url} as ${client.me?.username}.${hint}` });
    }

    // Lines are handled one at a time, in order, once the rooms are loaded.
    while (!fatal && quit === null) {
      const line = queue.shift();
      if (line !== undefined) {
        // A command may act on what was sent before it (/edit, /react): that lands first.
        if (line.trim().startsWith("/")) while (!fatal && !client.settled()) await sleep(20);
        await runLine(line, client, actions);
        continue;
      }
      if (ended) break;
      await new Promise<void>((resolve) => (wake = resolve));
    }
    // The end of stdin: everything typed must be acknowledged before leaving.
    while (!fatal && quit === null && !client.settled()) await sleep(50);
    client.stop();
    const stopped = fatal as Fatal | null;
    if (!stopped) {
      rl.close();
      return quit ?? (failed ? 1 : 0);
    }
    write({ type: "error", text: stopped.text });
    if (stopped.kind === "refused") return 1;
    // The saved session no longer works: forget it, and log in again where we can.
    deleteSession(options.url, env);
    if (!tty && !(env.PARLEY_USERNAME && env.PARLEY_PASSWORD)) return 1;
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);

/** The full-screen view's code (ink), loaded only for a terminal, with CI markers cleared so ink draws live. */
async function loadTui() {
  delete process.env.CI;
  delete process.env.CONTINUOUS_INTEGRATION;
  return import("@/cli/tui/app");
}
