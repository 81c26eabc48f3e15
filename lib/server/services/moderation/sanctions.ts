import "server-only";
import type { ClusterBus } from "@/lib/server/cluster/bus";
import { createLocalBus } from "@/lib/server/cluster/bus";
import type { Db } from "@/lib/server/db/client";

export interface ActiveSanction {
  id: string;
  kind: "ban" | "timeout";
  reason: string;
  /** null = permanent */
  until: Date | null;
}

export interface UserStanding {
  ban: ActiveSanction | null;
  timeout: ActiveSanction | null;
}

const active = (now: Date) => ({ liftedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] });

export function formatUntil(until: Date | null): string {
  if (!until) return "permanently";
  return `until ${until.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

export function banSentence(s: ActiveSanction): string {
  return `You have been banned ${formatUntil(s.until)}${s.reason ? ` — reason: ${s.reason}` : ""}`;
}

export function kickSentence(reason: string): string {
  return `You were kicked by a moderator${reason ? ` — reason: ${reason}` : ""}. You may log in again.`;
}

export function timeoutSentence(s: ActiveSanction, now = Date.now()): string {
  const seconds = s.until ? Math.max(1, Math.ceil((s.until.getTime() - now) / 1000)) : 0;
  const left = seconds >= 120 ? `${Math.ceil(seconds / 60)} min` : `${seconds} s`;
  return `You are timed out and can't send messages for another ${left}${s.reason ? ` — reason: ${s.reason}` : ""}`;
}

/**
 * Bans and timeouts. Expiry is checked on every use against the stored end time, so
 * nothing depends on a job that could be missed. Standing is cached per user in
 * memory (the message hot path reads it) and dropped whenever a sanction changes.
 */
export function createSanctionService(deps: { db: Db; now?: () => number; bus?: ClusterBus }) {
  const { db } = deps;
  const bus = deps.bus ?? createLocalBus();
  const now = () => new Date((deps.now ?? Date.now)());
  const cache = new Map<string, UserStanding>();
  // Bumped by every change (here or on another node): a read that started before it
  // must not put what it read into the cache.
  let generation = 0;
  bus.subscribe((event) => {
    if (event.kind !== "all" && event.kind !== "sanctions") return;
    generation++;
    if (event.kind === "all") cache.clear();
    else cache.delete(event.userId);
    if (event.kind === "all" || event.ipBans) ipBans = null;
  });

  const toActive = (row: { id: string; kind: string; reason: string; expiresAt: Date | null }): ActiveSanction => ({
    id: row.id,
    kind: row.kind === "ban" ? "ban" : "timeout",
    reason: row.reason,
    until: row.expiresAt,
  });
  const stillActive = (s: ActiveSanction | null) => (s && (!s.until || s.until > now()) ? s : null);

  let ipBans: Promise<Map<string, ActiveSanction>> | null = null;
  async function loadIpBans(): Promise<Map<string, ActiveSanction>> {
    const rows = await db.sanction.findMany({ where: { kind: "ipban", ...active(now()) } });
    const byIp = new Map<string, ActiveSanction>();
    for (const row of rows) {
      if (!row.ip) continue;
      const held = byIp.get(row.ip);
      // The longest ban on an address wins; permanent (null) is the longest.
      if (held && (!held.until || (row.expiresAt && held.until >= row.expiresAt))) continue;
      byIp.set(row.ip, { ...toActive(row), kind: "ban" });
    }
    return byIp;
  }

  const service = {
    async standing(userId: string): Promise<UserStanding> {
      let standing = cache.get(userId);
      if (!standing) {
        const readAt = generation;
        const rows = await db.sanction.findMany({ where: { userId, kind: { in: ["ban", "timeout"] }, ...active(now()) }, orderBy: { createdAt: "desc" } });
        const longest = (kind: string) => {
          const of = rows.filter((r) => r.kind === kind);
          const permanent = of.find((r) => !r.expiresAt);
          const pick = permanent ?? of.sort((a, b) => (b.expiresAt?.getTime() ?? 0) - (a.expiresAt?.getTime() ?? 0))[0];
          return pick ? toActive(pick) : null;
        };
        standing = { ban: longest("ban"), timeout: longest("timeout") };
        if (readAt === generation) cache.set(userId, standing);
      }
      return { ban: stillActive(standing.ban), timeout: stillActive(standing.timeout) };
    },

    async impose(input: {
      kind: "ban" | "timeout";
      userId: string;
      reason: string;
      minutes: number | null;
      byId: string | null;
      ip?: string | null;
    }): Promise<ActiveSanction> {
      const expiresAt = input.minutes ? new Date(now().getTime() + input.minutes * 60_000) : null;
      const row = await db.sanction.create({ data: { kind: input.kind, userId: input.userId, reason: input.reason, expiresAt, createdById: input.byId } });
      if (input.ip) {
        await db.sanction.create({ data: { kind: "ipban", userId: input.userId, ip: input.ip, reason: input.reason, expiresAt, createdById: input.byId } });
      }
      bus.publish({ kind: "sanctions", userId: input.userId, ipBans: Boolean(input.ip) });
      return toActive(row);
    },

    /** Lifts every active sanction of that kind; returns how many. */
    async lift(kind: "ban" | "timeout", userId: string, byId: string): Promise<number> {
      const kinds = kind === "ban" ? ["ban", "ipban"] : [kind];
      const { count } = await db.sanction.updateMany({ where: { userId, kind: { in: kinds }, ...active(now()) }, data: { liftedAt: now(), liftedById: byId } });
      bus.publish({ kind: "sanctions", userId, ipBans: kind === "ban" });
      return count;
    },

    /** Every connection asks, so the (few) active IP bans are kept in memory like standings. */
    async ipBanned(ip: string): Promise<ActiveSanction | null> {
      if (!ipBans) {
        const loading = loadIpBans().catch((error: unknown) => {
          if (ipBans === loading) ipBans = null;
          throw error;
        });
        ipBans = loading;
      }
      return stillActive((await ipBans).get(ip) ?? null);
    },

    async activeCounts(): Promise<{ bans: number; timeouts: number }> {
      const where = active(now());
      const [bans, timeouts] = await Promise.all([
        db.sanction.count({ where: { kind: "ban", ...where } }),
        db.sanction.count({ where: { kind: "timeout", ...where } }),
      ]);
      return { bans, timeouts };
    },
  };
  return service;
}

export type SanctionService = ReturnType<typeof createSanctionService>;
