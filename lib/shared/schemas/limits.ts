/**
 * Limits the schemas enforce on the server and the browser shows before sending.
 * Free of zod on purpose: the chat page imports this, and zod would add ~30 KB
 * (gzip) to its first load for one number.
 */
export const MESSAGE_MAX_CHARS = 2000;
export const HISTORY_PAGE_SIZE = 50;
export const MESSAGE_TOO_LONG = `Message is too long (max ${MESSAGE_MAX_CHARS} characters)`;
/** How much of a reply's parent its quote carries. */
export const REPLY_EXCERPT_CHARS = 160;

/** `text` cut to at most `max` characters (code points, so emoji stay whole), ending in "…" when cut. */
export function excerpt(text: string, max = REPLY_EXCERPT_CHARS): string {
  const chars = [...text];
  return chars.length > max ? `${chars.slice(0, max - 1).join("")}…` : text;
}
/** Different emoji one message can hold. */
export const MAX_REACTIONS_PER_MESSAGE = 20;
/** People an `@here` can address at once (the room's members online then, up to this many). */
export const MAX_HERE_MENTIONS = 500;

/**
 * The largest id a message can have: Prisma's Int is 32-bit on PostgreSQL (SQLite's is
 * 64-bit). A larger cursor is refused as invalid instead of failing in the database.
 */
export const MAX_ROW_ID = 2_147_483_647;

/** A member limit below the members already in the room can't be met: the sentence saying so, or null. */
export function memberLimitTooLow(limit: number, memberCount: number): string | null {
  if (limit <= 0 || limit >= memberCount) return null;
  return `This room has ${memberCount} members; the limit can't be lower than that`;
}
