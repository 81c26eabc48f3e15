import type { ModerationNotice } from "@/lib/shared/events";
import type { PublicProfile } from "@/lib/shared/schemas/profile";
import type { SessionUser } from "@/lib/shared/types";

/**
 * The signed-in user as the chat page knows them, following what the server says
 * meanwhile: a new role (the Moderation link appears or goes without a reload), a new
 * name or avatar from another tab, the user a (re)connect hands over.
 */
export type SessionUserEvent =
  | { type: "notice"; notice: ModerationNotice }
  | { type: "profile"; profile: Pick<PublicProfile, "id" | "displayName" | "avatarUrl"> }
  | { type: "ready"; user: SessionUser };

export function followSessionUser(me: SessionUser, event: SessionUserEvent): SessionUser {
  switch (event.type) {
    case "notice":
      return event.notice.kind === "role" && event.notice.role !== me.role ? { ...me, role: event.notice.role } : me;
    case "profile": {
      const { id, displayName, avatarUrl } = event.profile;
      if (id !== me.id || (displayName === me.displayName && avatarUrl === me.avatarUrl)) return me;
      return { ...me, displayName, avatarUrl };
    }
    case "ready":
      return event.user.id === me.id ? { ...me, ...event.user } : me;
  }
}
