import type { Server, Socket } from "socket.io";
import type { Logger } from "@/lib/logger";
import type {
  ClientToServerEvents,
  InterServerEvents,
  ServerToClientEvents,
  SocketData,
} from "@/lib/realtime/events";
import type { MessageService } from "@/lib/services/messages";
import type { PresenceStore } from "@/lib/services/presence";
import type { RoomService } from "@/lib/services/rooms";
import type { UserService } from "@/lib/services/users";

export type ParleyServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type ParleySocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

export interface RealtimeDeps {
  users: UserService;
  rooms: RoomService;
  messages: MessageService;
  presence: PresenceStore;
  logger: Logger;
  /** Secret that signs next-auth session cookies. */
  authSecret: string;
}
