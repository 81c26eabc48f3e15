import type { ChatMessage, MyRoom } from "@/lib/shared/types";

/**
 * What the terminal client tells its person, one event per line (or per JSON object).
 * `away`: the message was waiting when this client logged in.
 */
export type CliEvent =
  | { type: "message"; room: MyRoom; message: ChatMessage; away?: boolean; meId: string }
  | { type: "updated"; room: MyRoom; message: ChatMessage; meId: string }
  /** Joins, leaves, presence, shutdown notices: said by the server, about others. */
  | { type: "system"; text: string; room?: MyRoom; meId?: string }
  /** Command output and the client's own sentences. */
  | { type: "output"; text: string }
  | { type: "error"; text: string }
  | { type: "status"; state: "online" | "offline" | "reconnecting"; text: string };
