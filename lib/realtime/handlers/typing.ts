import { z } from "zod";
import { handle } from "@/lib/realtime/handle";
import { roomChannel } from "@/lib/realtime/events";
import type { ParleyServer, ParleySocket, RealtimeDeps } from "@/lib/realtime/types";
import { typingSchema } from "@/lib/schemas/message";

/** Clients throttle to one start per ~2 s; the server drops anything faster than this. */
const MIN_TYPING_INTERVAL_MS = 1000;

export function registerTypingHandlers(_io: ParleyServer, socket: ParleySocket, deps: RealtimeDeps) {
  const relay = (typing: boolean) => (input: z.infer<typeof typingSchema>) => {
    const channel = roomChannel(input.roomId);
    if (!socket.rooms.has(channel)) return null;
    const now = Date.now();
    if (typing) {
      if (now - socket.data.lastTypingAt < MIN_TYPING_INTERVAL_MS) return null;
      socket.data.lastTypingAt = now;
    } else {
      socket.data.lastTypingAt = 0;
    }
    const { id, username, displayName } = socket.data.user;
    socket.to(channel).emit("typing:update", { roomId: input.roomId, user: { id, username, displayName }, typing });
    return null;
  };

  socket.on("typing:start", handle(socket, "typing:start", typingSchema, deps.logger, relay(true)));
  socket.on("typing:stop", handle(socket, "typing:stop", typingSchema, deps.logger, relay(false)));
}
