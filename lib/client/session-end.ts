/** Why the login page is shown after the server ended a session (`/login?reason=…`). */
export type EndReason = "idle" | "logout" | "kicked" | "banned";

export function sessionEndedSentence(reason: string | undefined, idleMinutes: number): string | null {
  switch (reason) {
    case "idle": {
      const rounded = Math.round(idleMinutes);
      const amount = idleMinutes >= 1 ? `${rounded} minute${rounded === 1 ? "" : "s"}` : `${Math.round(idleMinutes * 60)} seconds`;
      return `You were logged out after ${amount} of inactivity`;
    }
    case "logout":
      return "You were logged out.";
    case "kicked":
      return "A moderator ended your session.";
    case "banned":
      return "Your account has been banned.";
    default:
      return null;
  }
}
