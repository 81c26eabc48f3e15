import { AppError } from "@/lib/shared/errors";

/**
 * Parley's message search language, read the same way by the browser (to show what a
 * query means) and the server (to run it): words, "quoted phrases", and filters
 * `from:alice`, `in:#room`, `has:link`, `has:file`, `before:YYYY-MM-DD`,
 * `after:YYYY-MM-DD`, `mentions:me`. Anything else shaped `x:y` is just a word.
 */
export interface SearchQuery {
  /** Single words, in the order written (every one must match). */
  words: string[];
  /** Quoted phrases, each matched as consecutive words. */
  phrases: string[];
  /** Author username, lower-case. */
  from?: string;
  /** Room name, lower-case, without `#`. */
  in?: string;
  hasLink: boolean;
  hasFile: boolean;
  mentionsMe: boolean;
  /** Messages sent before the start of this UTC day. */
  before?: Date;
  /** Messages sent after the end of this UTC day. */
  after?: Date;
}

const TOKEN = /"([^"]*)"?|(\S+)/g;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** The start of `text` (YYYY-MM-DD) as a UTC day, or an error that says how to write it. */
function parseDay(name: string, text: string): Date {
  const match = DAY.exec(text);
  const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
  if (!match || !date || date.getUTCDate() !== Number(match[3]) || date.getUTCMonth() !== Number(match[2]) - 1)
    throw new AppError("VALIDATION", `"${name}:${text}" is not a date: write it as ${name}:YYYY-MM-DD, for example ${name}:2026-01-31.`);
  return date;
}

/** True when the query has nothing to search by. */
export function isEmptySearch(q: SearchQuery): boolean {
  return q.words.length === 0 && q.phrases.length === 0 && !q.from && !q.in && !q.hasLink && !q.hasFile && !q.mentionsMe && !q.before && !q.after;
}

/** Reads a search box's text; throws AppError("VALIDATION") for a date it cannot read. */
export function parseSearchQuery(text: string): SearchQuery {
  const query: SearchQuery = { words: [], phrases: [], hasLink: false, hasFile: false, mentionsMe: false };
  for (const match of text.matchAll(TOKEN)) {
    const phrase = match[1];
    if (phrase !== undefined) {
      const clean = phrase.trim().replace(/\s+/g, " ");
      if (clean) query.phrases.push(clean);
      continue;
    }
    const token = match[2] ?? "";
    const colon = token.indexOf(":");
    const key = colon > 0 ? token.slice(0, colon).toLowerCase() : "";
    const value = colon > 0 ? token.slice(colon + 1) : "";
    if (key && value && applyFilter(query, key, value)) continue;
    query.words.push(token);
  }
  return query;
}

/** Applies `key:value` to the query; false when it is not a filter (so it is a word). */
function applyFilter(query: SearchQuery, key: string, value: string): boolean {
  const lower = value.toLowerCase();
  switch (key) {
    case "from":
      query.from = lower.replace(/^@/, "");
      return true;
    case "in": {
      const room = lower.replace(/^#/, "");
      if (!room) return false;
      query.in = room;
      return true;
    }
    case "has":
      if (lower === "link") query.hasLink = true;
      else if (lower === "file") query.hasFile = true;
      else return false;
      return true;
    case "mentions":
      if (lower !== "me") return false;
      query.mentionsMe = true;
      return true;
    case "before":
      query.before = parseDay(key, value);
      return true;
    case "after":
      query.after = new Date(parseDay(key, value).getTime() + DAY_MS);
      return true;
    default:
      return false;
  }
}
