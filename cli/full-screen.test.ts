import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveAuthRoutes } from "@/tests/auth-routes";
import type { TestServer } from "@/tests/socket-harness";
import { call, startTestServer } from "@/tests/socket-harness";

const root = path.resolve(import.meta.dirname, "..");
const hasTmux = (() => {
  try {
    execFileSync("tmux", ["-V"]);
    return true;
  } catch {
    return false;
  }
})();

let server: TestServer;
const session = `parley-tui-${process.pid}`;
const tmux = (...args: string[]) => execFileSync("tmux", args, { encoding: "utf8" });
const screen = () => tmux("capture-pane", "-p", "-t", session);

/** Polls the terminal's screen until `pattern` shows (a real pseudo-terminal: no event to wait on). */
async function waitForScreen(pattern: RegExp, ms = 15_000): Promise<string> {
  const end = Date.now() + ms;
  for (;;) {
    const text = screen();
    if (pattern.test(text)) return text;
    if (Date.now() > end) throw new Error(`the screen never showed ${pattern}:\n${text}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

beforeAll(async () => {
  if (!hasTmux) return;
  server = await startTestServer();
  serveAuthRoutes(server);
});

afterAll(async () => {
  if (!hasTmux) return;
  try {
    tmux("kill-session", "-t", session);
  } catch {}
  await server?.close();
});

describe.skipIf(!hasTmux)("the full-screen terminal client", () => {
  it("logs in without echoing the password, sends, receives, counts unread and switches rooms with Alt+number", async () => {
    const alice = await server.createUser(`alice_${Math.random().toString(36).slice(2, 7)}`);
    const bob = await server.person({ joinGeneral: true });
    const home = fs.mkdtempSync(path.join(os.tmpdir(), "parley-tui-"));
    const command = `cd ${root} && XDG_CONFIG_HOME=${home} node cli/bin/parley.mjs --url ${server.url}; echo "EXIT=$?"; sleep 30`;
    tmux("new-session", "-d", "-s", session, "-x", "100", "-y", "24", command);

    await waitForScreen(/^Username:\s*$/m);
    tmux("send-keys", "-t", session, alice.username, "Enter");
    await waitForScreen(/^Password:\s*$/m);
    tmux("send-keys", "-t", session, "password123");
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(screen()).not.toContain("password123");
    tmux("send-keys", "-t", session, "Enter");
    await waitForScreen(new RegExp(`Online as ${alice.username}`));

    tmux("send-keys", "-t", session, "hello from a real terminal", "Enter");
    await waitForScreen(new RegExp(`\\d\\d:\\d\\d ${alice.username}: hello from a real terminal`));
    expect(await server.context.db.message.count({ where: { body: "hello from a real terminal" } })).toBe(1);

    tmux("send-keys", "-t", session, "/create tuiroom", "Enter");
    await waitForScreen(/│ #tuiroom +│/);
    await waitForScreen(/You created #tuiroom\. You are its owner\./);
    await call(bob.client, "message:send", { roomId: server.roomId, body: "meanwhile in general", clientId: "tui-test-000001" });
    await waitForScreen(/1 #general \(1\)/);
    expect(screen()).not.toContain("meanwhile in general");

    tmux("send-keys", "-t", session, "M-1");
    await waitForScreen(new RegExp(`${bob.user.username}: meanwhile in general`));
    expect(screen()).not.toMatch(/#general \(1\)/);

    // History: ↑ brings back the last line typed.
    tmux("send-keys", "-t", session, "Up");
    await waitForScreen(/^> \/create tuiroom/m);
    tmux("send-keys", "-t", session, "C-u");
    await waitForScreen(/^> █/m);
    tmux("send-keys", "-t", session, "/quit", "Enter");
    await waitForScreen(/EXIT=0/);
  }, 60_000);
});
