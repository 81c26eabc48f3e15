import { roomChannel } from "@/lib/realtime/events";
import { on, type EventContext } from "@/lib/realtime/router";
import { typingSchema } from "@/lib/schemas/message";

/** Clients throttle to one start per ~2 s; the server drops anything faster than this. */
const MIN_TYPING_INTERVAL_MS = 1000;

function relay({ socket }: EventContext, roomId: string, typing: boolean): null {
  const channel = roomChannel(roomId);
  if (!socket.rooms.has(channel)) return null;
  const now = Date.now();
  if (typing) {
    if (now - socket.data.lastTypingAt < MIN_TYPING_INTERVAL_MS) return null;
    socket.data.lastTypingAt = now;
  } else {
    socket.data.lastTypingAt = 0;
  }
  const { id, username, displayName } = socket.data.user;
  socket.to(channel).emit("typing:update", { roomId, user: { id, username, displayName }, typing });
  return null;
}

export const typingRoutes = {
  "typing:start": on(typingSchema, (ctx, { roomId }) => relay(ctx, roomId, true), { activity: true }),
  "typing:stop": on(typingSchema, (ctx, { roomId }) => relay(ctx, roomId, false)),
};
