import { AppError } from "@/lib/errors";
import { handle } from "@/lib/realtime/handle";
import { roomChannel } from "@/lib/realtime/events";
import type { ParleyServer, ParleySocket, RealtimeDeps } from "@/lib/realtime/types";
import { historySchema, sendMessageSchema } from "@/lib/schemas/message";

function requireJoined(socket: ParleySocket, roomId: string) {
  if (!socket.rooms.has(roomChannel(roomId))) {
    throw new AppError("FORBIDDEN", "Join the room before sending or reading messages there.");
  }
}

export function registerMessageHandlers(io: ParleyServer, socket: ParleySocket, deps: RealtimeDeps) {
  socket.on(
    "message:send",
    handle(socket, "message:send", sendMessageSchema, deps.logger, async (input) => {
      requireJoined(socket, input.roomId);
      const { user } = socket.data;
      const message = await deps.messages.send(user, input);
      // Committed: everyone in the room (the sender's other tabs included) gets it.
      io.to(roomChannel(input.roomId)).emit("message:new", message);
      socket.to(roomChannel(input.roomId)).emit("typing:update", { roomId: input.roomId, user: message.author, typing: false });
      return message;
    }),
  );

  socket.on(
    "message:history",
    handle(socket, "message:history", historySchema, deps.logger, async (input) => {
      requireJoined(socket, input.roomId);
      return deps.messages.history(input);
    }),
  );
}
