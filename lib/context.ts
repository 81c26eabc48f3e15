import type { Db } from "@/lib/db/client";
import type { Logger } from "@/lib/logger";
import type { MessageWriter } from "@/lib/services/message-writer";
import type { MessageService } from "@/lib/services/messages";
import type { PresenceStore } from "@/lib/services/presence";
import type { RoomService } from "@/lib/services/rooms";
import type { UserService } from "@/lib/services/users";
import type { RoomSummary } from "@/lib/types";

/** Everything a request or socket event needs, built once by server.ts. */
export interface AppContext {
  db: Db;
  logger: Logger;
  authSecret: string;
  welcomeMessage: string;
  defaultRoom: RoomSummary;
  users: UserService;
  rooms: RoomService;
  messages: MessageService;
  writer: MessageWriter;
  presence: PresenceStore;
}

const holder = globalThis as typeof globalThis & { __parleyContext?: AppContext };

/**
 * Next's route handlers run in the same process as server.ts but from a separate
 * bundle; the context is shared through globalThis so both use one database
 * client and one set of services.
 */
export function setAppContext(context: AppContext): void {
  holder.__parleyContext = context;
}

export function getAppContext(): AppContext {
  const context = holder.__parleyContext;
  if (!context) throw new Error("Parley's server context is missing: start Parley with `npm start` (server.ts).");
  return context;
}
