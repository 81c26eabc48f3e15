import { getAppContext } from "@/lib/context";
import type { AvatarService } from "@/lib/services/avatars";
import type { ProfileService } from "@/lib/services/profiles";
import type { PushService } from "@/lib/services/push";
import type { RateLimiter } from "@/lib/services/rate-limit";

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
