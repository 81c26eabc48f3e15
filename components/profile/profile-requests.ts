import type { HttpResult } from "@/lib/client/http";
import { http } from "@/lib/client/http";
import type { OwnProfile } from "@/lib/shared/schemas/profile";

export type ProfilePatch = { displayName?: string; statusLine?: string; pushEnabled?: boolean };

const profileOf = <P>(result: HttpResult<{ profile: P }>): HttpResult<P> => (result.ok ? { ok: true, data: result.data.profile } : result);

export async function updateProfile(patch: ProfilePatch): Promise<HttpResult<OwnProfile>> {
  return profileOf(await http<{ profile: OwnProfile }>("/api/profile", { method: "PATCH", body: patch }));
}

export async function removeAvatar(): Promise<HttpResult<OwnProfile>> {
  return profileOf(await http<{ profile: OwnProfile }>("/api/profile/avatar", { method: "DELETE" }));
}
