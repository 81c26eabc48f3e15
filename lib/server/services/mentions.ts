import "server-only";
import type { Db } from "@/lib/server/db/client";
import { isStaff } from "@/lib/server/services/rooms";
import { MAX_HERE_MENTIONS } from "@/lib/shared/schemas/limits";
import type { MessageMentions, SessionUser } from "@/lib/shared/types";

/** At most this many different `@names` in one message are looked up. */
const MAX_NAMED_MENTIONS = 20;

/** `@name` after the start, a space or punctuation; not an e-mail address (`a@b.c`) or `@@x`. */
const MENTION = /(?<![\w@.+-])@([a-z0-9_]{1,20})(?![\w@])/gi;
/** Code is quoted text: a name in it is not an address. */
const CODE = /```[\s\S]*?(?:```|$)|`[^`\n]*`/g;

/**
 * The usernames (lower-case, first-seen order) and whether `@here` was written, read from
 * a message's text outside code. Used only by the server: a client never says who it mentions.
 */
export function parseMentions(body: string): { usernames: string[]; here: boolean } {
  const names = new Set<string>();
  let here = false;
  for (const match of body.replace(CODE, " ").matchAll(MENTION)) {
    const name = (match[1] ?? "").toLowerCase();
    if (name === "here") here = true;
    else if (names.size < MAX_NAMED_MENTIONS) names.add(name);
  }
  return { usernames: [...names], here };
}

export interface MentionContext {
  author: SessionUser;
  room: { id: string; ownerId: string | null };
  body: string;
  /** A whisper addresses its recipient only: nobody else may be told about it. */
  recipientId?: string | null;
}

/**
 * Who a message mentions: members of its room written as `@username`, and with `@here`
 * (the room's owner and moderators only) the members online now, up to MAX_HERE_MENTIONS.
 * People who blocked the author are never addressed. Costs nothing without an `@`.
 */
export function createMentionResolver(deps: { db: Db; onlineIds: () => Promise<string[]> }) {
  const { db } = deps;
  return {
    async resolve({ author, room, body, recipientId }: MentionContext): Promise<MessageMentions | null> {
      if (!body.includes("@")) return null;
      const parsed = parseMentions(body);
      const here = parsed.here && !recipientId && (room.ownerId === author.id || isStaff(author));
      if (parsed.usernames.length === 0 && !here) return null;
      const named = parsed.usernames.length
        ? await db.user.findMany({
            where: { username: { in: parsed.usernames }, memberships: { some: { roomId: room.id } } },
            select: { id: true, username: true },
          })
        : [];
      // Shown as mentions in the order written; a whisper names only its recipient.
      const members = named.filter((u) => !recipientId || u.id === recipientId || u.id === author.id);
      const byName = new Map(members.map((u) => [u.username, u]));
      const usernames = parsed.usernames.filter((n) => byName.has(n));
      const ids = new Set(members.map((u) => u.id));
      if (here) {
        const online = (await deps.onlineIds()).filter((id) => id !== author.id);
        if (online.length) {
          const present = await db.roomMember.findMany({
            where: { roomId: room.id, userId: { in: online.slice(0, 5_000) } },
            select: { userId: true },
            take: MAX_HERE_MENTIONS,
          });
          for (const m of present) ids.add(m.userId);
        }
      }
      ids.delete(author.id);
      if (ids.size) {
        const blockers = await db.block.findMany({ where: { blockedId: author.id, blockerId: { in: [...ids] } }, select: { blockerId: true } });
        for (const b of blockers) ids.delete(b.blockerId);
      }
      if (usernames.length === 0 && !here) return null;
      return { userIds: [...ids], usernames, ...(here ? { here: true as const } : {}) };
    },
  };
}

export type MentionResolver = ReturnType<typeof createMentionResolver>;

export const storeMentions = (mentions: MessageMentions | null): string | null => (mentions ? JSON.stringify(mentions) : null);

/** The stored JSON back; anything unreadable counts as no mentions. */
export function readMentions(stored: string | null | undefined): MessageMentions | undefined {
  if (!stored) return undefined;
  try {
    const value = JSON.parse(stored) as Partial<MessageMentions>;
    if (!Array.isArray(value.userIds) || !Array.isArray(value.usernames)) return undefined;
    return { userIds: value.userIds.map(String), usernames: value.usernames.map(String), ...(value.here ? { here: true as const } : {}) };
  } catch {
    return undefined;
  }
}

/** What the mention badge looks for in Message.mentions: the user's id as a JSON string (ids never hold quotes). */
export const mentionNeedle = (userId: string) => `"${userId}"`;
