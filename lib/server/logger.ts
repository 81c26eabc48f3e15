import "server-only";
type Level = "debug" | "info" | "warn" | "error" | "silent";
const order: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

export interface Logger {
  debug(message: string, extra?: unknown): void;
  info(message: string, extra?: unknown): void;
  warn(message: string, extra?: unknown): void;
  error(message: string, extra?: unknown): void;
}

/** One line per event on stderr/stdout; internals go here, never to users. */
export function createLogger(level: Level = "info"): Logger {
  const at = (l: Exclude<Level, "silent">) => (message: string, extra?: unknown) => {
    if (order[l] < order[level]) return;
    const line = `[parley] ${l.toUpperCase()} ${message}`;
    const out = l === "error" || l === "warn" ? console.error : console.log;
    if (extra === undefined) out(line);
    else out(line, extra);
  };
  return { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
}
