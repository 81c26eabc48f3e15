import "server-only";
import { getAppContext } from "@/lib/server/context";
import type { AvatarService } from "@/lib/server/services/avatars";
import type { ProfileService } from "@/lib/server/services/profiles";
import type { PushService } from "@/lib/server/services/push";
import type { RateLimiter } from "@/lib/server/services/rate-limit";

export interface ProfileServices {
  avatars: AvatarService;
  profiles: ProfileService;
  push: PushService;
  /** Avatar uploads per user (LIMITS.avatarUpload). */
  avatarUploads: RateLimiter;
}

/** The running server's profile, avatar and push services (route handlers use this). */
export function getProfileServices(): ProfileServices {
  const { avatars, profiles, push, moderation } = getAppContext();
  return { avatars, profiles, push, avatarUploads: moderation.limiters.avatarUpload };
}
