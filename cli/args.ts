import { parseArgs } from "node:util";

export interface CliOptions {
  url: string;
  signup: boolean;
  lines: boolean;
  json: boolean;
}

export const USAGE = `Usage: parley --url http://localhost:3000 [--signup] [--lines] [--json]

  --url URL   the Parley server (or set PARLEY_URL)
  --signup    create an account instead of logging in
  --lines     line mode even in a terminal: one event per line, commands from stdin
  --json      line mode, one JSON object per event

Without a terminal on stdin, username and password come from PARLEY_USERNAME and
PARLEY_PASSWORD (only needed until a session is saved).`;

/** The command line, or a sentence saying what is wrong with it. */
export function readOptions(argv: string[], env: NodeJS.ProcessEnv): { ok: true; options: CliOptions } | { ok: false; error: string; help?: boolean } {
  let values: { url?: string; signup?: boolean; lines?: boolean; json?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        url: { type: "string" },
        signup: { type: "boolean" },
        lines: { type: "boolean" },
        json: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (error) {
    return { ok: false, error: `${(error as Error).message}\n\n${USAGE}` };
  }
  if (values.help) return { ok: false, error: USAGE, help: true };
  const raw = values.url ?? env.PARLEY_URL;
  if (!raw) return { ok: false, error: `Say which server to use: --url http://… or PARLEY_URL.\n\n${USAGE}` };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, error: `${raw} is not an address. Give one like http://localhost:3000.` };
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return { ok: false, error: `${raw} is not an http:// or https:// address.` };
  return { ok: true, options: { url: url.origin, signup: !!values.signup, lines: !!values.lines || !!values.json, json: !!values.json } };
}
