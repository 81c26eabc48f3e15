import type { RoomSummary } from "@/lib/shared/types";

/** What `/create` and the New room dialog say, in the web chat and the terminal alike. */
export function createdText(room: Pick<RoomSummary, "name" | "kind">): string {
  return `You created #${room.name}${room.kind === "public" ? "" : ` (${room.kind})`}. You are its owner.`;
}

/** What `/kick` and the member list's Remove say. */
export function kickedText(username: string): string {
  return `You removed @${username.replace(/^@/, "")} from the room.`;
}
