import type { Interface } from "node:readline";
import type { AuthResult } from "@/cli/auth";
import { logIn, signUp } from "@/cli/auth";
import { ask } from "@/cli/prompt";
import type { StoredSession } from "@/cli/session-file";
import { writeSession } from "@/cli/session-file";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface LoginDeps {
  url: string;
  signup: boolean;
  /** The terminal to ask on; null when stdin is not one (then the environment must say). */
  rl: Interface | null;
  env: NodeJS.ProcessEnv;
  retrySeconds: number;
  say: (text: string) => void;
}

/** Username and password: asked on a terminal, else from PARLEY_USERNAME / PARLEY_PASSWORD. */
async function credentials(deps: LoginDeps): Promise<{ username: string; password: string; displayName: string } | string> {
  const { rl, env } = deps;
  if (!rl) {
    const username = env.PARLEY_USERNAME?.trim();
    const password = env.PARLEY_PASSWORD;
    if (!username || !password) return `No saved session for ${deps.url}. Set PARLEY_USERNAME and PARLEY_PASSWORD, or run parley once in a terminal to log in.`;
    return { username, password, displayName: env.PARLEY_DISPLAY_NAME?.trim() || username };
  }
  const username = await ask(rl, "Username: ");
  const displayName = deps.signup ? (await ask(rl, `Display name [${username}]: `)) || username : username;
  const password = await ask(rl, "Password: ", true);
  return { username, password, displayName };
}

/**
 * Logs in (or signs up) and saves the session for this server. A server that can't be
 * reached is tried again every few seconds; a refusal is said and, on a terminal, asked
 * again. Returns null when it gives up (the sentence was said).
 */
export async function obtainSession(deps: LoginDeps): Promise<StoredSession | null> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const given = await credentials(deps);
    if (typeof given === "string") {
      deps.say(given);
      return null;
    }
    let result: AuthResult;
    for (;;) {
      result = deps.signup ? await signUp(deps.url, given) : await logIn(deps.url, given.username, given.password);
      if (result.ok || !result.unreachable) break;
      deps.say(`Can't reach ${deps.url} — retrying in ${deps.retrySeconds} s`);
      await sleep(deps.retrySeconds * 1000);
    }
    if (result.ok) {
      const session = { url: deps.url, username: given.username, cookie: result.cookie };
      writeSession(session, deps.env);
      return session;
    }
    deps.say(result.error);
    if (!deps.rl) return null;
  }
  return null;
}
