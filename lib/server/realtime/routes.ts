import "server-only";
import { messageRoutes } from "@/lib/server/realtime/handlers/messages";
import { presenceRoutes } from "@/lib/server/realtime/handlers/presence";
import { roomRoutes } from "@/lib/server/realtime/handlers/rooms";
import { secretRoomRoutes } from "@/lib/server/realtime/handlers/secret-rooms";
import { socialRoutes } from "@/lib/server/realtime/handlers/social";
import { typingRoutes } from "@/lib/server/realtime/handlers/typing";
import { moderationRoutes } from "@/lib/server/realtime/moderation";
import type { Routes } from "@/lib/server/realtime/router";
import { sessionRoutes } from "@/lib/server/realtime/sessions";

/** Every client→server event and its handler; the type makes sure none is missing. */
export const routes: Routes = {
  ...roomRoutes,
  ...messageRoutes,
  ...typingRoutes,
  ...presenceRoutes,
  ...socialRoutes,
  ...moderationRoutes,
  ...sessionRoutes,
  ...secretRoomRoutes,
};
