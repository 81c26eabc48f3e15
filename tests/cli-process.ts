import type { ChildProcessWithoutNullStreams } from "node:child_process";
import { spawn } from "node:child_process";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");

export interface CliProcess {
  child: ChildProcessWithoutNullStreams;
  /** Everything printed so far on stdout, and on stderr. */
  stdout: () => string;
  stderr: () => string;
  /** Resolves with the first stdout (or stderr) line matching `pattern`; rejects after `ms` with what was printed. */
  waitFor: (pattern: RegExp, options?: { ms?: number; stream?: "stdout" | "stderr" }) => Promise<string>;
  send: (line: string) => void;
  /** Closes stdin: the client finishes what it was given, then exits. */
  end: () => void;
  exited: Promise<number | null>;
  kill: () => Promise<void>;
}

/** The terminal client as a person's shell runs it (`parley --url …`), with stdin a pipe: line mode. */
export function startCli(url: string, args: string[], env: Record<string, string>): CliProcess {
  const child = spawn(process.execPath, [path.join(root, "cli/bin/parley.mjs"), "--url", url, ...args], {
    cwd: root,
    env: { ...process.env, PARLEY_URL: "", PARLEY_USERNAME: "", PARLEY_PASSWORD: "", PARLEY_RETRY_SECONDS: "1", ...env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  const out = { stdout: "", stderr: "" };
  const waiters = new Set<() => void>();
  for (const name of ["stdout", "stderr"] as const)
    child[name].on("data", (chunk: Buffer) => {
      out[name] += chunk.toString();
      for (const check of waiters) check();
    });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return {
    child,
    stdout: () => out.stdout,
    stderr: () => out.stderr,
    waitFor: (pattern, options = {}) =>
      new Promise((resolve, reject) => {
        const stream = options.stream ?? "stdout";
        const check = () => {
          const line = out[stream].split("\n").find((l) => pattern.test(l));
          if (line === undefined) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(line);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no ${stream} line matching ${pattern} within ${options.ms ?? 10_000} ms.\nstdout:\n${out.stdout}\nstderr:\n${out.stderr}`));
        }, options.ms ?? 10_000);
        waiters.add(check);
        check();
      }),
    send: (line) => child.stdin.write(`${line}\n`),
    end: () => child.stdin.end(),
    exited,
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await exited;
    },
  };
}
