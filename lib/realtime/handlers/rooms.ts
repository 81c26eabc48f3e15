import { handle } from "@/lib/realtime/handle";
import { roomChannel } from "@/lib/realtime/events";
import type { ParleyServer, ParleySocket, RealtimeDeps } from "@/lib/realtime/types";
import { HISTORY_PAGE_SIZE, joinRoomSchema } from "@/lib/schemas/message";

export function registerRoomHandlers(_io: ParleyServer, socket: ParleySocket, deps: RealtimeDeps) {
  socket.on(
    "room:join",
    handle(socket, "room:join", joinRoomSchema, deps.logger, async ({ roomId, afterId }) => {
      const room = await deps.rooms.getRoom(roomId);
      // Join before reading so nothing committed in between is missed; the client
      // drops any message it then receives twice by id.
      await socket.join(roomChannel(room.id));
      if (afterId !== undefined) {
        const missed = await deps.messages.since(room.id, afterId);
        if (missed.complete) return { room, messages: missed.messages, hasMore: false, caughtUp: true };
      }
      const latest = await deps.messages.history({ roomId: room.id, limit: HISTORY_PAGE_SIZE });
      return { room, messages: latest.messages, hasMore: latest.hasMore, caughtUp: afterId === undefined };
    }),
  );
}
