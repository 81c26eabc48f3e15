import type { RoomMemberInfo } from "@/lib/shared/types";

/** The `@token` being typed: `text.slice(start, end)` is the whole token, `query` what follows the `@` up to the caret. */
export interface MentionToken {
  start: number;
  end: number;
  query: string;
}

export type MentionOption = { kind: "user"; user: RoomMemberInfo } | { kind: "here" };

export const HERE_DESCRIPTION = "Notify everyone online in this room";

const WORD = /[A-Za-z0-9_]/;
/** What may stand right before a mention's `@`: whitespace or opening/separating punctuation (never a letter, so `a@b.c` is an email). */
const BEFORE = /[\s([{"'“‘«<,;:!?*~>—–]/u;

/** True when `index` is inside an inline code span or fence (a backtick run not yet closed by a run of the same length). */
function insideCode(text: string, index: number): boolean {
  let open = 0;
  let i = 0;
  while (i < index) {
    if (text[i] !== "`") {
      i++;
      continue;
    }
    let run = 0;
    while (i < index && text[i] === "`") {
      run++;
      i++;
    }
    if (open === 0) open = run;
    else if (run === open) open = 0;
  }
  return open > 0;
}

/**
 * The `@name` token the caret is in or right after, or null. The `@` must start the text or
 * follow whitespace/punctuation (not an email, not inside `code`); the name so far may be empty
 * (just typed `@`) and only holds letters, digits and `_`. A caret in the middle of `@alice`
 * gives the query before it ("al") and the token up to the end of the word.
 */
export function mentionAt(text: string, caret: number): MentionToken | null {
  if (caret < 0 || caret > text.length) return null;
  let at = caret - 1;
  while (at >= 0 && WORD.test(text[at]!)) at--;
  if (at < 0 || text[at] !== "@") return null;
  if (at > 0 && !BEFORE.test(text[at - 1]!)) return null;
  let end = caret;
  while (end < text.length && WORD.test(text[end]!)) end++;
  // `@bob@example.com`: an address, not a mention.
  if (text[end] === "@") return null;
  if (insideCode(text, at)) return null;
  return { start: at, end, query: text.slice(at + 1, caret) };
}

function matchRank(member: RoomMemberInfo, q: string): number | null {
  const username = member.username.toLowerCase();
  const display = member.displayName.toLowerCase();
  if (!q) return 1;
  if (username === q) return 0;
  if (username.startsWith(q) || display.startsWith(q)) return 1;
  const words = [...display.split(/[\s\-_.]+/), ...username.split("_")].filter(Boolean);
  if (words.some((w) => w.startsWith(q))) return 2;
  if (username.includes(q) || display.includes(q)) return 3;
  return null;
}

/**
 * What to offer for `@query`: `@here` first when allowed and it matches, then members
 * (never yourself) by how well they match (exact username, prefix of username or display
 * name, prefix of a word, anywhere), online before offline, then by name. At most `limit` in all.
 */
export function mentionOptions(
  members: readonly RoomMemberInfo[],
  query: string,
  { meId, canMentionHere, limit = 8 }: { meId: string; canMentionHere: boolean; limit?: number },
): MentionOption[] {
  const q = query.toLowerCase();
  const options: MentionOption[] = [];
  if (canMentionHere && "here".startsWith(q)) options.push({ kind: "here" });
  const ranked: { user: RoomMemberInfo; rank: number }[] = [];
  for (const user of members) {
    if (user.id === meId) continue;
    const rank = matchRank(user, q);
    if (rank !== null) ranked.push({ user, rank });
  }
  ranked.sort(
    (a, b) =>
      a.rank - b.rank ||
      Number(b.user.online) - Number(a.user.online) ||
      a.user.displayName.localeCompare(b.user.displayName) ||
      a.user.username.localeCompare(b.user.username),
  );
  for (const { user } of ranked) options.push({ kind: "user", user });
  return options.slice(0, Math.max(0, limit));
}

/** The text written for an option, without the trailing space. */
export function mentionLabel(option: MentionOption): string {
  return option.kind === "here" ? "@here" : `@${option.user.username}`;
}

/** Replaces `token` with `@username ` (or `@here `) and puts the caret after the space (an existing space is reused). */
export function completeMention(text: string, token: Pick<MentionToken, "start" | "end">, option: MentionOption): { text: string; caret: number } {
  const label = mentionLabel(option);
  const rest = text.slice(token.end);
  const next = `${text.slice(0, token.start)}${label}${rest.startsWith(" ") ? "" : " "}${rest}`;
  return { text: next, caret: token.start + label.length + 1 };
}
