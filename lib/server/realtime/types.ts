import "server-only";
import type { Server, Socket } from "socket.io";
import type { AppContext } from "@/lib/server/context";
import type { ClientToServerEvents, InterServerEvents, ServerToClientEvents, SocketData } from "@/lib/shared/events";

export type ParleyServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type ParleySocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

/** Handlers reach the services through the app context. */
export type RealtimeDeps = AppContext;
