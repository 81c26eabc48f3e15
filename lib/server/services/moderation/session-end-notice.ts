import "server-only";
import type { AuditLogService } from "@/lib/server/services/moderation/audit";
import type { SanctionService } from "@/lib/server/services/moderation/sanctions";
import { banSentence, kickSentence } from "@/lib/server/services/moderation/sanctions";
import type { EndReason } from "@/lib/server/services/sessions";

/**
 * What the login page tells someone whose session a moderator ended: the ban's
 * reason and end, or the kick's reason, as the console promised ("They see this
 * reason"). Read from the records, so it holds for a person who was offline then.
 */
export async function sessionEndNotice(
  deps: { sanctions: Pick<SanctionService, "standing">; audit: Pick<AuditLogService, "latestAbout"> },
  userId: string,
  reason: EndReason,
): Promise<string | null> {
  if (reason === "banned") {
    const { ban } = await deps.sanctions.standing(userId);
    return ban ? banSentence(ban) : null;
  }
  if (reason === "kicked") {
    const kick = await deps.audit.latestAbout(userId, "kick");
    return kick ? kickSentence(kick.reason) : null;
  }
  return null;
}
