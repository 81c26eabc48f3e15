import { describe, expect, it } from "vitest";
import { fromDraft, toDraft } from "@/components/admin/settings/settings-draft";
import { moderationSettingsSchema } from "@/lib/shared/schemas/moderation";
import { defaultSecretRoomSettings } from "@/lib/shared/schemas/secret-rooms";

const settings = moderationSettingsSchema.parse({
  flood: { messages: 5, windowSeconds: 5 },
  repeatWindowSeconds: 60,
  duplicate: { count: 3, windowSeconds: 30 },
  escalationMinutes: [1, 10],
  strikeDecayHours: 24,
  wordFilter: { words: [], mode: "block" },
  login: { maxAttempts: 3, blockSeconds: 60, ipMaxFailures: 20, ipWindowSeconds: 600 },
  signUp: { perAddressPerHour: 20 },
  files: { maxMb: 25, dailyQuotaMb: 500 },
  linkPreviews: { enabled: true },
  secretRooms: defaultSecretRoomSettings,
});

describe("the console's secret-room settings", () => {
  it("round-trip through the form: off, creators kept to some roles, a member limit", () => {
    const draft = toDraft({ ...settings, secretRooms: { enabled: false, creatorRoles: ["moderator", "admin"], memberLimit: 8 } });
    expect(draft["secretRooms.enabled"]).toBe("off");
    expect(draft["secretRooms.creator.user"]).toBe("off");
    expect(draft["secretRooms.creator.admin"]).toBe("on");
    const back = fromDraft({ ...draft, "secretRooms.creator.user": "on", "secretRooms.memberLimit": "12" });
    expect(back).toEqual({ settings: { ...settings, secretRooms: { enabled: false, creatorRoles: ["user", "moderator", "admin"], memberLimit: 12 } } });
  });

  it("are refused by the server's schema with a sentence when no role may create rooms or the limit is out of range", () => {
    const noRoles = moderationSettingsSchema.safeParse({ ...settings, secretRooms: { enabled: true, creatorRoles: [], memberLimit: 20 } });
    expect(noRoles.success ? null : noRoles.error.issues[0]?.message).toBe("Pick at least one role that may create secret rooms (or turn them off)");
    const tooMany = moderationSettingsSchema.safeParse({ ...settings, secretRooms: { ...defaultSecretRoomSettings, memberLimit: 1000 } });
    expect(tooMany.success ? null : tooMany.error.issues[0]?.message).toBe("Secret rooms: members must be between 2 and 200");
    const unknownRole = moderationSettingsSchema.safeParse({ ...settings, secretRooms: { ...defaultSecretRoomSettings, creatorRoles: ["owner"] } });
    expect(unknownRole.success).toBe(false);
  });
});
