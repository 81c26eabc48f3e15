import { messageRoutes } from "@/lib/realtime/handlers/messages";
import { presenceRoutes } from "@/lib/realtime/handlers/presence";
import { roomRoutes } from "@/lib/realtime/handlers/rooms";
import { socialRoutes } from "@/lib/realtime/handlers/social";
import { typingRoutes } from "@/lib/realtime/handlers/typing";
import { moderationRoutes } from "@/lib/realtime/moderation";
import type { Routes } from "@/lib/realtime/router";
import { sessionRoutes } from "@/lib/realtime/sessions";

/** Every client→server event and its handler; the type makes sure none is missing. */
export const routes: Routes = {
  ...roomRoutes,
  ...messageRoutes,
  ...typingRoutes,
  ...presenceRoutes,
  ...socialRoutes,
  ...moderationRoutes,
  ...sessionRoutes,
};
