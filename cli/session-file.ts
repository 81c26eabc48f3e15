import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/** The environment, as far as these functions read it. */
export type Env = Record<string, string | undefined>;

/** What the terminal client keeps between runs for one server: the session cookie, never the password. */
export interface StoredSession {
  url: string;
  username: string;
  cookie: string;
}

/** `$XDG_CONFIG_HOME/parley`, or `~/.config/parley`. */
export function configDir(env: Env = process.env): string {
  const base = env.XDG_CONFIG_HOME || path.join(os.homedir(), ".config");
  return path.join(base, "parley");
}

/** One file per server, named so a person can tell them apart: `127.0.0.1_3000-1a2b3c4d.json`. */
export function sessionPath(url: string, env: Env = process.env): string {
  const origin = new URL(url).origin;
  const readable = new URL(origin).host.replace(/[^a-zA-Z0-9.-]+/g, "_");
  const hash = createHash("sha256").update(origin).digest("hex").slice(0, 8);
  return path.join(configDir(env), "sessions", `${readable}-${hash}.json`);
}

export function readSession(url: string, env: Env = process.env): StoredSession | null {
  try {
    const data = JSON.parse(fs.readFileSync(sessionPath(url, env), "utf8")) as Partial<StoredSession>;
    return typeof data.cookie === "string" && typeof data.username === "string" ? { url, username: data.username, cookie: data.cookie } : null;
  } catch {
    return null;
  }
}

/** Owner-only: the cookie is as good as the password until the session ends. */
export function writeSession(session: StoredSession, env: Env = process.env): string {
  const file = sessionPath(session.url, env);
  const dir = path.dirname(file);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.chmodSync(dir, 0o700);
  fs.chmodSync(path.dirname(dir), 0o700);
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, `${JSON.stringify(session, null, 2)}\n`, { mode: 0o600 });
  fs.renameSync(temp, file);
  return file;
}

export function deleteSession(url: string, env: Env = process.env): void {
  fs.rmSync(sessionPath(url, env), { force: true });
}
