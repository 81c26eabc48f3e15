import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sessionPath } from "@/cli/session-file";
import { serveAuthRoutes } from "@/tests/auth-routes";
import type { CliProcess } from "@/tests/cli-process";
import { startCli } from "@/tests/cli-process";
import type { TestServer } from "@/tests/socket-harness";
import { call, startTestServer } from "@/tests/socket-harness";

let server: TestServer;
const running: CliProcess[] = [];

beforeAll(async () => {
  server = await startTestServer();
  serveAuthRoutes(server);
});

afterAll(async () => {
  await Promise.all(running.map((p) => p.kill()));
  await server?.close();
});

/** A person at a terminal: their own config folder, so saved sessions never mix. */
function person(name: string) {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), `parley-cli-${name}-`));
  const env = { XDG_CONFIG_HOME: home };
  const withLogin = { ...env, PARLEY_USERNAME: name, PARLEY_PASSWORD: "password123" };
  return {
    name,
    env,
    withLogin,
    /** `echo "$lines" | parley …`: resolves with the exit code and what was printed. */
    async pipe(lines: string[], options: { args?: string[]; login?: boolean } = {}) {
      const cli = startCli(server.url, options.args ?? [], options.login === false ? env : withLogin);
      running.push(cli);
      for (const line of lines) cli.send(line);
      cli.end();
      const code = await cli.exited;
      return { code, stdout: cli.stdout(), stderr: cli.stderr() };
    },
    /** A client left running, reading what the test sends it; resolves once it is connected with its rooms loaded. */
    async open(options: { args?: string[] } = {}) {
      const cli = startCli(server.url, options.args ?? [], withLogin);
      running.push(cli);
      await cli.waitFor(/Connected to/, { stream: options.args?.includes("--json") ? "stdout" : "stderr" });
      return cli;
    },
  };
}

const unique = (base: string) => `${base}_${Math.random().toString(36).slice(2, 7)}`;

// Each case starts the client as a process several times (tsx's start is most of it): generous on a shared machine.
describe("the terminal client in line mode", { timeout: 60_000 }, () => {
  it("signs up, sends from a pipe, exits 0 after the ack, and keeps the session owner-only", async () => {
    const alice = person(unique("alice"));
    const first = await alice.pipe(["hello from a script"], { args: ["--signup"] });
    expect(first.stderr).not.toMatch(/Error|Not sent/);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`[#general] ${alice.name}: hello from a script`);

    const file = sessionPath(server.url, alice.env);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    expect(fs.readFileSync(file, "utf8")).not.toContain("password123");

    // The next start needs no password: none is given.
    const second = await alice.pipe(["second, with the saved session"], { login: false });
    expect(second.code).toBe(0);
    expect(second.stdout).toContain(`[#general] ${alice.name}: second, with the saved session`);
    const stored = await server.context.db.message.findMany({ where: { author: { username: alice.name } } });
    expect(stored.map((m) => m.body).sort()).toEqual(["hello from a script", "second, with the saved session"]);
  });

  it("says a wrong login without naming the field, and saves nothing", async () => {
    const name = unique("mallory");
    await server.createUser(name);
    const cli = startCli(server.url, [], {
      XDG_CONFIG_HOME: fs.mkdtempSync(path.join(os.tmpdir(), "parley-cli-")),
      PARLEY_USERNAME: name,
      PARLEY_PASSWORD: "not it",
    });
    running.push(cli);
    cli.end();
    expect(await cli.exited).toBe(1);
    expect(cli.stderr()).toContain("Wrong username or password");
    expect(cli.stderr()).not.toMatch(/password is|username is|no user/i);
  });

  it("without a saved session or login in the environment, says how to log in", async () => {
    const cli = startCli(server.url, [], { XDG_CONFIG_HOME: fs.mkdtempSync(path.join(os.tmpdir(), "parley-cli-")) });
    running.push(cli);
    cli.end();
    expect(await cli.exited).toBe(1);
    expect(cli.stderr()).toContain("Set PARLEY_USERNAME and PARLEY_PASSWORD");
  });

  it("receives messages, joins and presence while it runs, and prints one JSON object per event with --json", async () => {
    const bob = person(unique("bob"));
    await server.createUser(bob.name);
    const cli = await bob.open();
    const json = await bob.open({ args: ["--json"] });
    const carol = await server.person({ joinGeneral: true });
    await cli.waitFor(new RegExp(`\\* ${carol.user.displayName} is online`));
    const sent = await call(carol.client, "message:send", { roomId: server.roomId, body: "hi terminal", clientId: "cli-test-000001" });
    expect(sent.ok).toBe(true);
    await cli.waitFor(new RegExp(`^\\[#general\\] ${carol.user.username}: hi terminal$`));
    const line = await json.waitFor(/hi terminal/);
    const event = JSON.parse(line) as { type: string; room: { name: string }; message: { body: string; author: { username: string } } };
    expect(event).toMatchObject({ type: "message", room: { name: "general" }, message: { body: "hi terminal", author: { username: carol.user.username } } });
    json.send("/quit");
    expect(await json.exited).toBe(0);
  });

  it("delivers a /msg to someone offline, who sees it first, marked, when they log in", async () => {
    const alice = person(unique("alice"));
    const bob = person(unique("bob"));
    await server.createUser(alice.name);
    await server.createUser(bob.name);
    const sent = await alice.pipe([`/msg ${bob.name} build finished`]);
    expect(sent.code, sent.stderr + sent.stdout).toBe(0);
    expect(sent.stdout).toContain(`[DM @${bob.name}] ${alice.name}: build finished`);
    expect(sent.stdout).toContain(`${bob.name} is offline — saved, will be delivered when they log in`);

    const cli = await bob.open();
    const away = await cli.waitFor(/while you were away\) \[DM/);
    expect(away).toBe(`(while you were away) [DM @${alice.name}] ${alice.name}: build finished`);
    expect(cli.stdout().indexOf("arrived while you were away")).toBeLessThan(cli.stdout().indexOf(away));
    cli.send("/quit");
    expect(await cli.exited).toBe(0);
    // Shown once: read now, so the next start does not repeat it.
    const again = await bob.pipe([]);
    expect(again.stdout).not.toContain("build finished");
  });

  it("keeps a whisper between its two people, and /block stops DMs", async () => {
    const [alice, bob, carol] = [person(unique("alice")), person(unique("bob")), person(unique("carol"))];
    for (const p of [alice, bob, carol]) await server.createUser(p.name);
    const bobCli = await bob.open();
    const carolCli = await carol.open();
    const whisper = await alice.pipe([`/whisper ${bob.name} psst`, "after the whisper"]);
    expect(whisper.code).toBe(0);
    await bobCli.waitFor(new RegExp(`\\(whisper\\) ${alice.name} → ${bob.name}: psst`));
    await carolCli.waitFor(new RegExp(`${alice.name}: after the whisper`));
    expect(carolCli.stdout()).not.toContain("psst");

    bobCli.send(`/block ${alice.name}`);
    await bobCli.waitFor(new RegExp(`^Blocked ${alice.name.toUpperCase()} \\(@${alice.name}\\)\\. They can't DM or whisper you\\.`));
    const refused = await alice.pipe([`/msg ${bob.name} are you there`]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`${bob.name} has blocked you — message not sent`);
    expect(bobCli.stdout()).not.toContain("are you there");
  });

  it("answers commands with the web chat's sentences, and edits, reacts, replies and deletes", async () => {
    const dora = person(unique("dora"));
    await server.createUser(dora.name);
    const room = unique("ops").slice(0, 20);
    const result = await dora.pipe([
      "/help",
      `/create ${room}`,
      "/list",
      `/check ${dora.name}`,
      "/last 5",
      "/frobnicate",
      "first draft",
      "/edit final text",
      "/react 👍",
      "/delete",
      "/reply nobody else is here",
    ]);
    expect(result.stdout).toContain("/msg <user|(u1 u2 …)> <text> — Send a direct message (up to 9 people)");
    expect(result.stdout).toContain("/edit <text> — Change your last message in this room");
    expect(result.stdout).toContain(`You created #${room}. You are its owner.`);
    expect(result.stdout).toContain(`Members of #${room} (1): ${dora.name.toUpperCase()} (@${dora.name}), owner`);
    expect(result.stdout).toMatch(new RegExp(`${dora.name.toUpperCase()} \\(@${dora.name}\\) — online · joined`));
    expect(result.stdout).toMatch(/Seen in the last 5 minutes \(\d+\):/);
    expect(result.stderr).toContain("Unknown command /frobnicate — type /help");
    expect(result.stdout).toContain(`[#${room}] ${dora.name}: first draft`);
    expect(result.stdout).toContain(`[#${room}] changed: ${dora.name}: final text (edited)`);
    expect(result.stdout).toContain(`[#${room}] changed: ${dora.name}: final text (edited) [👍 1]`);
    expect(result.stdout).toMatch(new RegExp(`\\[#${room}\\] message \\d+ by ${dora.name} was deleted`));
    expect(result.stderr).toContain("Nobody else has written here yet.");
    expect(result.code).toBe(1);
  });

  it("replies to the last message of someone else, quoting it", async () => {
    const erin = person(unique("erin"));
    await server.createUser(erin.name);
    const cli = await erin.open();
    const frank = await server.person({ joinGeneral: true });
    await call(frank.client, "message:send", { roomId: server.roomId, body: "lunch at noon?", clientId: "cli-test-reply-01" });
    await cli.waitFor(/lunch at noon\?/);
    cli.send("/reply yes please");
    await cli.waitFor(new RegExp(`\\[#general\\] ${erin.name}: \\(reply to ${frank.user.username}: "lunch at noon\\?"\\) yes please`));
  });

  it("/logout ends the session on the server and forgets it here", async () => {
    const gina = person(unique("gina"));
    await server.createUser(gina.name);
    const cli = await gina.open();
    const cookie = JSON.parse(fs.readFileSync(sessionPath(server.url, gina.env), "utf8")).cookie as string;
    cli.send("/logout");
    expect(await cli.exited).toBe(0);
    expect(fs.existsSync(sessionPath(server.url, gina.env))).toBe(false);
    await expect(server.connectAs({ cookie })).rejects.toThrow();
  });

  it("says it can't reach a server that is down, and keeps trying", async () => {
    const down = await startTestServer();
    const url = down.url;
    await down.close();
    const cli = startCli(url, [], { XDG_CONFIG_HOME: fs.mkdtempSync(path.join(os.tmpdir(), "parley-cli-")), PARLEY_USERNAME: "x", PARLEY_PASSWORD: "y" });
    running.push(cli);
    await cli.waitFor(new RegExp(`^Can't reach ${url.replaceAll(".", "\\.")} — retrying in 1 s$`), { stream: "stderr" });
    await cli.waitFor(/retrying/, { stream: "stderr" });
    expect(cli.stderr().match(/retrying in 1 s/g)?.length).toBeGreaterThanOrEqual(1);
    await cli.kill();
  });
});

describe("the terminal client across a server restart", () => {
  it("catches up without gaps or duplicates and resends what was typed meanwhile, once", async () => {
    const first = await startTestServer();
    serveAuthRoutes(first);
    const port = Number(new URL(first.url).port);
    const alice = unique("alice");
    await first.createUser(alice);
    const home = fs.mkdtempSync(path.join(os.tmpdir(), "parley-cli-restart-"));
    const cli = startCli(first.url, [], { XDG_CONFIG_HOME: home, PARLEY_USERNAME: alice, PARLEY_PASSWORD: "password123", PARLEY_RETRY_SECONDS: "3" });
    running.push(cli);
    await cli.waitFor(/Connected to/, { stream: "stderr" });
    const bob = await first.person({ joinGeneral: true });
    const before = await call<{ id: number }>(bob.client, "message:send", { roomId: first.roomId, body: "before the restart", clientId: "cli-restart-0001" });
    await cli.waitFor(/before the restart/);

    await first.close({ keepDatabase: true });
    await cli.waitFor(/Connection lost/, { stream: "stderr" });
    cli.send("typed while the server was down");

    const second = await startTestServer({ dataDir: first.dataDir, database: first.database, port });
    serveAuthRoutes(second);
    try {
      const bobAgain = await second.connectAs(bob.user);
      await call(bobAgain, "room:join", { roomId: second.roomId });
      await call(bobAgain, "message:send", { roomId: second.roomId, body: "missed while you were gone", clientId: "cli-restart-0002" });
      if (before.ok) await call(bobAgain, "message:edit", { roomId: second.roomId, messageId: before.data.id, body: "before the restart, edited" });
      await cli.waitFor(/Reconnected/, { stream: "stderr", ms: 15_000 });
      await cli.waitFor(new RegExp(`\\[#general\\] ${alice}: typed while the server was down`));
      await cli.waitFor(/missed while you were gone/);
      await cli.waitFor(/changed: .*before the restart, edited \(edited\)/);
      const out = cli.stdout();
      expect(out.match(/missed while you were gone/g)).toHaveLength(1);
      expect(out.match(/typed while the server was down/g)).toHaveLength(1);
      expect(out.match(/: before the restart$/gm)).toHaveLength(1);
      const stored = await second.context.db.message.count({ where: { body: "typed while the server was down" } });
      expect(stored).toBe(1);
    } finally {
      await cli.kill();
      await second.close();
    }
  }, 60_000);
});
