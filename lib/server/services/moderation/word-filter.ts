import "server-only";
import { AppError } from "@/lib/shared/errors";
import type { ModerationSettings } from "@/lib/shared/schemas/moderation";

const escapeRegExp = (word: string) => word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Whole-word, case-insensitive matching: "ass" does not catch "class". */
export function applyWordFilter(body: string, filter: ModerationSettings["wordFilter"]): { body: string; matched: string[] } {
  if (filter.words.length === 0) return { body, matched: [] };
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}_])(${filter.words.map(escapeRegExp).join("|")})(?![\\p{L}\\p{N}_])`, "giu");
  const matched = [...new Set([...body.matchAll(pattern)].map((m) => (m[0] ?? "").toLowerCase()))];
  if (matched.length === 0) return { body, matched };
  if (filter.mode === "block") {
    throw new AppError("FORBIDDEN", "Your message contains a word that is not allowed here, so it was not sent. Please rephrase it.");
  }
  return { body: body.replace(pattern, (m) => "*".repeat([...m].length)), matched };
}
