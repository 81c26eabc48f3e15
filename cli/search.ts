import { httpErrorFrom } from "@/lib/client/http";
import type { SearchResult } from "@/lib/server/services/search";
import { formatDateTime } from "@/lib/shared/format-time";

/** One printed line of `/search` output; `error` lines go to stderr in line mode. */
export interface SearchLine {
  text: string;
  error?: boolean;
}

/** `/search <query>` in the terminal: the same GET /api/search the web chat uses, first page, one line per hit. */
export async function searchLines(base: string, cookie: string, query: string): Promise<SearchLine[]> {
  const url = new URL("/api/search", base);
  url.search = new URLSearchParams({ q: query, page: "1" }).toString();
  let response: Response;
  try {
    response = await fetch(url, { headers: { cookie }, cache: "no-store", redirect: "manual" });
  } catch {
    return [{ text: `Can't reach ${base} — try the search again in a moment.`, error: true }];
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) return [{ text: httpErrorFrom(response.status, body).message, error: true }];
  const { results, hasMore } = body as SearchResult;
  if (!results.length) return [{ text: `No messages match ${query}.` }];
  const lines = results.map(({ message }) => ({
    text: `${message.roomKind === "dm" ? "[DM]" : `[#${message.roomName}]`} ${message.author.username} (${formatDateTime(message.createdAt)}, #${message.id}): ${message.body.replace(/\s+/g, " ")}`,
  }));
  if (hasMore) lines.push({ text: `More results: narrow the search (from:, in:#room, before:, after:) to see older ones.` });
  return lines;
}
