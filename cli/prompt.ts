import type { Interface } from "node:readline";

/** Asks one question on the terminal; with `secret`, what is typed is not echoed. */
export function ask(rl: Interface, question: string, secret = false): Promise<string> {
  return new Promise((resolve) => {
    const output = rl as unknown as { _writeToOutput: (text: string) => void; output: NodeJS.WritableStream };
    const original = output._writeToOutput;
    if (secret) {
      output._writeToOutput = (text: string) => {
        // Only the question itself and the final newline reach the screen.
        if (text.startsWith(question) || text === "\r\n" || text === "\n") original.call(rl, text.startsWith(question) ? question : text);
      };
    }
    rl.question(question, (answer) => {
      output._writeToOutput = original;
      resolve(answer.trim() === "" && !secret ? "" : secret ? answer : answer.trim());
    });
  });
}
