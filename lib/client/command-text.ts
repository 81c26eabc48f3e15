/** Text the composer should run as a command rather than send (`//text` sends `/text`). */
export function isCommandText(text: string): boolean {
  return text.trimStart().startsWith("/") && !text.trimStart().startsWith("//");
}

/** `//shrug` is sent as the message `/shrug`. */
export function unescapeMessage(text: string): string {
  return text.startsWith("//") ? text.slice(1) : text;
}
