import { getAppContext } from "@/lib/context";
import type { AvatarService } from "@/lib/services/avatars";
import type { ProfileService } from "@/lib/services/profiles";
import type { PushService } from "@/lib/services/push";

export interface ProfileServices {
  avatars: AvatarService;
  profiles: ProfileService;
  push: PushService;
}

/** The running server's profile, avatar and push services (route handlers use this). */
export function getProfileServices(): ProfileServices {
  const { avatars, profiles, push } = getAppContext();
  return { avatars, profiles, push };
}
