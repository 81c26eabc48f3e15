/** Response shapes of /api/admin/*; type-only imports keep server code out of the bundle. */
import type { ConsoleUser } from "@/lib/server/admin/users";
import type { ModerationSettings } from "@/lib/shared/schemas/moderation";
import type { AuditRow } from "@/lib/server/services/moderation/audit";
import type { ReportQueueItem } from "@/lib/server/services/moderation/reports";
import type { SessionUser } from "@/lib/shared/types";

export type { AuditRow, ConsoleUser, ModerationSettings, ReportQueueItem };
export type Viewer = SessionUser;
export type Role = SessionUser["role"];

export interface Stats {
  online: number;
  messagesPerMinute: Array<{ minute: string; count: number }>;
  activeBans: number;
  activeTimeouts: number;
  spam24h: number;
  openReports: number;
}

export interface UsersPage {
  users: ConsoleUser[];
  total: number;
  page: number;
  pageSize: number;
}

/** One row of the console's message search, as the route answers it (type only: nothing server-side reaches the bundle). */
export type { ConsoleMessageRow as ConsoleMessage } from "@/lib/server/services/moderation/message-search";

export interface SpamEvent {
  id: number;
  userId: string;
  username: string;
  rule: string;
  counts: string;
  outcome: string;
  createdAt: string;
}

export interface SlowModeRoom {
  id: string;
  name: string;
  slowModeSeconds: number;
}

export const rank: Record<Role, number> = { user: 0, moderator: 1, admin: 2 };
