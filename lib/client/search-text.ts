/** One line on the search language (lib/shared/search-query.ts), shown under the search box. */
export const SEARCH_HELP =
  'Words match every one; "a phrase" matches in order. Filters: from:name in:#room has:link has:file mentions:me after:YYYY-MM-DD before:YYYY-MM-DD.';

/** Stretches of a result's text, each marked whether it is a match: the list renders them as text, never as HTML. */
export interface TextPart {
  text: string;
  hit: boolean;
}

/**
 * Cuts `body` at the server's `[start, end)` UTF-16 ranges. Ranges out of order,
 * overlapping or past the end are clipped rather than trusted, so a bad range can only
 * mark less, never drop or repeat text.
 */
export function highlightParts(body: string, ranges: readonly (readonly [number, number])[]): TextPart[] {
  const parts: TextPart[] = [];
  let at = 0;
  for (const [rawStart, rawEnd] of [...ranges].sort((a, b) => a[0] - b[0])) {
    const start = Math.max(at, Math.min(body.length, rawStart));
    const end = Math.max(start, Math.min(body.length, rawEnd));
    if (end === start) continue;
    if (start > at) parts.push({ text: body.slice(at, start), hit: false });
    parts.push({ text: body.slice(start, end), hit: true });
    at = end;
  }
  if (at < body.length || parts.length === 0) parts.push({ text: body.slice(at), hit: false });
  return parts;
}

/** Long messages: the text around the first match, so the match is in view. */
export function aroundFirstHit(
  body: string,
  ranges: readonly (readonly [number, number])[],
  room = 80,
): { text: string; ranges: [number, number][]; cut: boolean } {
  const first = ranges[0]?.[0] ?? 0;
  if (body.length <= room * 3 || first < room) return { text: body, ranges: ranges.map(([a, b]) => [a, b]), cut: false };
  const from = first - room;
  return { text: `…${body.slice(from)}`, ranges: ranges.filter(([a]) => a >= from).map(([a, b]) => [a - from + 1, b - from + 1]), cut: true };
}
