import { memberLimitTooLow } from "@/lib/shared/schemas/limits";
import type { RoomSummary } from "@/lib/shared/types";

export type PasswordChoice = "keep" | "set" | "remove";

/**
 * The password options the room settings offer: change or remove one the room has,
 * set one it lacks. A hidden room stays hidden either way; a public room with a
 * password becomes private.
 */
export function passwordChoices(room: Pick<RoomSummary, "kind" | "hasPassword">): { choice: PasswordChoice; label: string }[] {
  // Rooms from an older server carry no flag: private rooms always have a password.
  const hasPassword = room.hasPassword ?? room.kind === "private";
  if (hasPassword) {
    return [
      { choice: "keep", label: "Keep as it is" },
      { choice: "set", label: "Change the password" },
      { choice: "remove", label: "Remove the password" },
    ];
  }
  return [
    { choice: "keep", label: "Keep as it is" },
    { choice: "set", label: room.kind === "hidden" ? "Set a password" : "Set a password (makes the room private)" },
  ];
}

/** What is wrong with the member limit typed into the settings form, or null. */
export function memberLimitProblem(text: string, memberCount: number): string | null {
  const limit = text.trim() || "0";
  if (!/^\d+$/.test(limit)) return "The member limit must be a whole number (0 = no limit)";
  return memberLimitTooLow(Number(limit), memberCount);
}

/**
 * The notice when a room is deleted or someone is removed from it: "back in #general"
 * only for the people who were looking at it (and so were moved).
 */
export function roomGoneNotice(message: string, wasOnScreen: boolean): string {
  return wasOnScreen ? `${message} You are back in #general.` : message;
}
