import type { CliEvent } from "@/cli/events";
import { deliveryText } from "@/lib/client/delivery-text";
import type { ChatMessage, Delivery, MyRoom } from "@/lib/shared/types";

/** `[#general]`, or `[DM @bob]` / `[DM @bob @carol]` named after the other people. */
export function roomTag(room: Pick<MyRoom, "kind" | "name" | "participants">, meId: string): string {
  if (room.kind !== "dm") return `[#${room.name}]`;
  const others = (room.participants ?? []).filter((p) => p.id !== meId).map((p) => `@${p.username}`);
  return `[DM ${others.join(" ") || "yourself"}]`;
}

/** One message as a line: `alice: hi`, `* alice waves`, `(whisper) alice → bob: psst`. */
export function messageText(message: ChatMessage): string {
  const name = message.author.username;
  if (message.removed) return `${name}: (message ${message.removedBy === "moderator" ? "removed by a moderator" : "deleted"})`;
  const reply = message.replyTo
    ? ` (reply to ${message.replyTo.author.username}: "${message.replyTo.removed ? "original message deleted" : message.replyTo.excerpt}")`
    : "";
  const edited = message.editedAt ? " (edited)" : "";
  const reactions = message.reactions?.length ? ` [${message.reactions.map((r) => `${r.emoji} ${r.count}`).join(", ")}]` : "";
  const files = message.attachments?.length ? ` [files: ${message.attachments.map((a) => a.name).join(", ")}]` : "";
  const body = `${message.body}${files}${edited}${reactions}`;
  if (message.kind === "me") return `* ${name} ${body}${reply}`;
  if (message.kind === "whisper") return `(whisper) ${name} → ${message.recipient?.username ?? "?"}:${reply} ${body}`;
  return `${name}:${reply} ${body}`;
}

/** How a change reads: the message as it is now, said to be edited, deleted or reacted to. */
function changeText(message: ChatMessage): string {
  if (message.removed)
    return `message ${message.id} by ${message.author.username} was ${message.removedBy === "moderator" ? "removed by a moderator" : "deleted"}`;
  return `changed: ${messageText(message)}`;
}

export const deliveryLine = (delivery: Delivery[]) => delivery.map(deliveryText).join("; ");

/** A human's line for an event (no trailing newline; may hold several lines for command output). */
export function eventText(event: CliEvent): string {
  switch (event.type) {
    case "message":
      return `${event.away ? "(while you were away) " : ""}${roomTag(event.room, event.meId)} ${messageText(event.message)}`;
    case "updated":
      return `${roomTag(event.room, event.meId)} ${changeText(event.message)}`;
    case "system":
      return event.room && event.meId ? `${roomTag(event.room, event.meId)} * ${event.text}` : `* ${event.text}`;
    case "output":
    case "error":
    case "status":
      return event.text;
  }
}

/** `--json`: one object per event, with the protocol's own shapes. */
export function eventJson(event: CliEvent): string {
  switch (event.type) {
    case "message":
    case "updated":
      return JSON.stringify({
        type: event.type,
        room: { id: event.room.id, name: event.room.name, kind: event.room.kind, tag: roomTag(event.room, event.meId) },
        ...(event.type === "message" && event.away ? { away: true } : {}),
        message: event.message,
      });
    case "system":
      return JSON.stringify({
        type: "system",
        text: event.text,
        ...(event.room ? { room: { id: event.room.id, name: event.room.name, kind: event.room.kind } } : {}),
      });
    case "status":
      return JSON.stringify({ type: "status", state: event.state, text: event.text });
    case "output":
    case "error":
      return JSON.stringify({ type: event.type, text: event.text });
  }
}
