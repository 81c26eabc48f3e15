import "server-only";
import { roomChannel } from "@/lib/shared/events";
import type { EventContext, Routes } from "@/lib/server/realtime/router";
import { on } from "@/lib/server/realtime/router";
import { whenRelayed } from "@/lib/server/services/typing";

function relay({ socket, deps }: EventContext, roomId: string, typing: boolean): null {
  const channel = roomChannel(roomId);
  if (!socket.rooms.has(channel)) return null;
  const { id, username, displayName } = socket.data.user;
  whenRelayed(typing ? deps.typing.start(id, roomId) : deps.typing.stop(id, roomId), () =>
    socket.to(channel).emit("typing:update", { roomId, user: { id, username, displayName }, typing }),
  );
  return null;
}

export const typingRoutes = {
  "typing:start": on((ctx, { roomId }) => relay(ctx, roomId, true), { activity: true }),
  "typing:stop": on((ctx, { roomId }) => relay(ctx, roomId, false)),
} satisfies Partial<Routes>;
