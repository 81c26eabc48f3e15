/** Emoji search, common reactions and recents: pure functions over unicode-emoji-json's data. */

export interface EmojiData {
  name: string;
  slug: string;
  group: string;
  skin_tone_support?: boolean;
}

export interface EmojiEntry {
  emoji: string;
  name: string;
  group: string;
  /** Lower-case words of the name and slug, for prefix matching. */
  words: string[];
}

/** The server takes only one RGI emoji per reaction (lib/shared/schemas/message.ts). */
// biome-ignore lint/complexity/useRegexLiterals: a literal with the `v` flag needs an ES2024 target; tsconfig targets ES2022.
const RGI_EMOJI = new RegExp("^\\p{RGI_Emoji}$", "v");
export const isRgiEmoji = (s: string): boolean => RGI_EMOJI.test(s);

/** Everyday reactions, shown before anything is searched. */
export const COMMON_EMOJI = ["👍", "❤️", "😂", "🎉", "😮", "😢", "🙏", "👀", "🔥", "✅", "👎", "😄", "🤔", "💯", "🚀", "👏"] as const;

const wordsOf = (s: string) =>
  s
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

/** The searchable list, in the data's order; emoji the server would refuse are left out. */
export function buildEmojiList(data: Record<string, EmojiData>): EmojiEntry[] {
  const list: EmojiEntry[] = [];
  for (const [emoji, info] of Object.entries(data)) {
    if (!isRgiEmoji(emoji)) continue;
    const words = [...new Set([...wordsOf(info.name), ...wordsOf(info.slug)])];
    list.push({ emoji, name: info.name, group: info.group, words });
  }
  return list;
}

/**
 * Emoji whose name matches every word of the query. Rank: the whole name equals the
 * query, then the name starts with it, then every query word starts a word of the name,
 * then substring matches; ties keep the data's order.
 */
export function searchEmoji(list: readonly EmojiEntry[], query: string, limit = 48): EmojiEntry[] {
  const q = query.trim().toLowerCase();
  const terms = wordsOf(q);
  if (terms.length === 0) return [];
  const scored: { entry: EmojiEntry; score: number; index: number }[] = [];
  list.forEach((entry, index) => {
    const name = entry.name.toLowerCase();
    let score: number;
    if (name === q) score = 0;
    else if (name.startsWith(q)) score = 1;
    else if (terms.every((t) => entry.words.some((w) => w.startsWith(t)))) score = 2;
    else if (terms.every((t) => name.includes(t))) score = 3;
    else return;
    scored.push({ entry, score, index });
  });
  scored.sort((a, b) => a.score - b.score || a.index - b.index);
  return scored.slice(0, Math.max(0, limit)).map((s) => s.entry);
}

export const RECENT_KEY = "parley.recentEmoji";
export const RECENT_MAX = 16;

function storage(): Storage | null {
  try {
    return typeof window === "undefined" ? null : window.localStorage;
  } catch {
    return null;
  }
}

/** Recently picked emoji, newest first; empty without storage or when it holds junk. */
export function readRecentEmoji(store: Storage | null = storage()): string[] {
  if (!store) return [];
  try {
    const parsed: unknown = JSON.parse(store.getItem(RECENT_KEY) ?? "[]");
    if (!Array.isArray(parsed)) return [];
    const out: string[] = [];
    for (const e of parsed) if (typeof e === "string" && isRgiEmoji(e) && !out.includes(e)) out.push(e);
    return out.slice(0, RECENT_MAX);
  } catch {
    return [];
  }
}

/** Puts `emoji` first in the recents (at most RECENT_MAX) and returns the new list. */
export function recordRecentEmoji(emoji: string, store: Storage | null = storage()): string[] {
  const current = readRecentEmoji(store);
  if (!isRgiEmoji(emoji)) return current;
  const next = [emoji, ...current.filter((e) => e !== emoji)].slice(0, RECENT_MAX);
  try {
    store?.setItem(RECENT_KEY, JSON.stringify(next));
  } catch {
    // Full or blocked storage: the recents just aren't remembered.
  }
  return next;
}
