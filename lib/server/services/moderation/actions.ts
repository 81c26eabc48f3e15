import "server-only";
import { withRoomChange } from "@/lib/server/services/message-changes";
import type { Db } from "@/lib/server/db/client";
import { AppError } from "@/lib/shared/errors";
import type { BanInput, TargetUserInput, TimeoutInput } from "@/lib/shared/schemas/moderation";
import type { AuditLogService } from "@/lib/server/services/moderation/audit";
import type { SessionEndDetail } from "@/lib/shared/events";
import type { SanctionService } from "@/lib/server/services/moderation/sanctions";
import { banSentence, kickSentence, timeoutSentence } from "@/lib/server/services/moderation/sanctions";
import type { SessionUser } from "@/lib/shared/types";

export type Role = SessionUser["role"];
const rank: Record<Role, number> = { user: 0, moderator: 1, admin: 2 };

/** What moderation needs from the realtime layer; every call is adapter-aware. */
export interface ModerationEffects {
  notify(userId: string, notice: { kind: "ban" | "timeout" | "kick" | "logout"; message: string }): void;
  endUserSessions(userId: string, reason: "banned" | "kicked" | "logout", message: string, detail?: SessionEndDetail): Promise<void>;
  /** Tells its readers, as message:updated (resolves once published to the other nodes). */
  messageRemoved(messageId: number): Promise<void>;
  roleChanged(userId: string, role: Role): void;
}

type Target = { id: string; username: string; displayName: string; role: Role; lastIp?: string | null };

export function createModerationActions(deps: {
  db: Db;
  sanctions: SanctionService;
  audit: AuditLogService;
  effects: () => ModerationEffects;
  findUser: (id: string) => Promise<SessionUser | null>;
  lastIpOf?: (userId: string) => Promise<string | null>;
  /** Deletes a removed message's files, rows and bytes. */
  removeFiles?: (messageId: number) => Promise<unknown>;
}) {
  const { db, sanctions, audit } = deps;

  /** Re-reads the actor's role: a demotion takes effect on the next action. */
  async function authorize(actor: SessionUser, need: Role): Promise<SessionUser> {
    const fresh = await deps.findUser(actor.id);
    if (!fresh || rank[fresh.role] < rank[need]) {
      throw new AppError("FORBIDDEN", need === "admin" ? "Only administrators can do that." : "Only moderators and administrators can do that.");
    }
    return fresh;
  }

  async function target(actor: SessionUser, userId: string): Promise<Target> {
    const user = await deps.findUser(userId);
    if (!user) throw new AppError("NOT_FOUND", "That user does not exist.");
    if (user.id === actor.id) throw new AppError("VALIDATION", "You can't do that to yourself.");
    if (rank[user.role] >= rank[actor.role])
      throw new AppError(
        "FORBIDDEN",
        `${user.displayName} is ${user.role === "admin" ? "an admin" : user.role === "moderator" ? "a moderator" : "a member"} — only someone above them can do that.`,
      );
    return user;
  }

  const who = (u: { id: string; username: string }) => ({ id: u.id, username: u.username });

  return {
    authorize,

    async ban(actorIn: SessionUser, input: BanInput) {
      const actor = await authorize(actorIn, input.ip ? "admin" : "moderator");
      const user = await target(actor, input.userId);
      const ip = input.ip ? ((await deps.lastIpOf?.(user.id)) ?? null) : null;
      if (input.ip && !ip)
        throw new AppError("VALIDATION", `No IP address is known for ${user.displayName} yet (they have not connected since the server started).`);
      const sanction = await sanctions.impose({ kind: "ban", userId: user.id, reason: input.reason, minutes: input.minutes ?? null, byId: actor.id, ip });
      await audit.record({
        actor: who(actor),
        action: input.minutes ? "temp-ban" : "ban",
        target: who(user),
        reason: input.reason,
        details: { minutes: input.minutes ?? null, ip: ip ?? undefined },
      });
      const message = banSentence(sanction);
      deps.effects().notify(user.id, { kind: "ban", message });
      await deps.effects().endUserSessions(user.id, "banned", message, { note: input.reason, until: sanction.until?.toISOString() ?? null });
      return sanction;
    },

    async unban(actorIn: SessionUser, input: TargetUserInput) {
      const actor = await authorize(actorIn, "moderator");
      const user = await target(actor, input.userId);
      const lifted = await sanctions.lift("ban", user.id, actor.id);
      if (lifted === 0) throw new AppError("NOT_FOUND", `${user.displayName} is not banned.`);
      await audit.record({ actor: who(actor), action: "unban", target: who(user), reason: input.reason });
    },

    async timeout(actorIn: SessionUser, input: TimeoutInput) {
      const actor = await authorize(actorIn, "moderator");
      const user = await target(actor, input.userId);
      const sanction = await sanctions.impose({ kind: "timeout", userId: user.id, reason: input.reason, minutes: input.minutes, byId: actor.id });
      await audit.record({ actor: who(actor), action: "timeout", target: who(user), reason: input.reason, details: { minutes: input.minutes } });
      deps.effects().notify(user.id, { kind: "timeout", message: timeoutSentence(sanction) });
      return sanction;
    },

    async untimeout(actorIn: SessionUser, input: TargetUserInput) {
      const actor = await authorize(actorIn, "moderator");
      const user = await target(actor, input.userId);
      if ((await sanctions.lift("timeout", user.id, actor.id)) === 0) throw new AppError("NOT_FOUND", `${user.displayName} is not timed out.`);
      await audit.record({ actor: who(actor), action: "end-timeout", target: who(user), reason: input.reason });
    },

    /** Disconnects every session now; the user may log in again. */
    async kick(actorIn: SessionUser, input: TargetUserInput) {
      const actor = await authorize(actorIn, "moderator");
      const user = await target(actor, input.userId);
      await audit.record({ actor: who(actor), action: "kick", target: who(user), reason: input.reason });
      await deps.effects().endUserSessions(user.id, "kicked", kickSentence(input.reason), { note: input.reason, until: null });
    },

    async forceLogout(actorIn: SessionUser, input: TargetUserInput) {
      const actor = await authorize(actorIn, "moderator");
      const user = await target(actor, input.userId);
      await audit.record({ actor: who(actor), action: "force-logout", target: who(user), reason: input.reason });
      await deps.effects().endUserSessions(user.id, "logout", "A moderator logged you out.");
    },

    async setRole(actorIn: SessionUser, input: { userId: string; role: Role; reason: string }) {
      const actor = await authorize(actorIn, "admin");
      const user = await deps.findUser(input.userId);
      if (!user) throw new AppError("NOT_FOUND", "That user does not exist.");
      if (user.id === actor.id) throw new AppError("VALIDATION", "You can't change your own role.");
      await db.user.update({ where: { id: user.id }, data: { role: input.role } });
      await audit.record({ actor: who(actor), action: "role", target: who(user), reason: input.reason, details: { from: user.role, to: input.role } });
      deps.effects().roleChanged(user.id, input.role);
    },

    async deleteMessage(actorIn: SessionUser, input: { messageId: number; reason: string }) {
      const actor = await authorize(actorIn, "moderator");
      const row = await db.message.findUnique({ where: { id: input.messageId }, include: { author: { select: { id: true, username: true } } } });
      if (!row || row.deletedAt) throw new AppError("NOT_FOUND", "That message does not exist or was already removed.");
      // A change like an edit: clients that were away catch it up (messages.since).
      await withRoomChange(db, row.roomId, (tx, seq) =>
        tx.message.update({ where: { id: row.id }, data: { deletedAt: new Date(), deletedById: actor.id, changeSeq: seq } }),
      );
      await deps.removeFiles?.(row.id);
      await audit.record({
        actor: who(actor),
        action: "delete-message",
        target: row.author,
        reason: input.reason,
        details: { messageId: row.id, roomId: row.roomId, text: row.body.slice(0, 200) },
      });
      await deps.effects().messageRemoved(row.id);
    },
  };
}

export type ModerationActions = ReturnType<typeof createModerationActions>;
