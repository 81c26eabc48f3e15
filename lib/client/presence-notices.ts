/**
 * What the chat says when someone else comes online or goes offline: a line in the room
 * on screen and a toast. "left" stays the word for leaving a room; this is logging out.
 */
export function presenceNotice(kind: "online" | "offline", displayName: string): { line: string; toast: string } {
  if (kind === "online") return { line: `${displayName} is online`, toast: `${displayName} logged in` };
  return { line: `${displayName} logged out`, toast: `${displayName} logged out` };
}
