import "server-only";
import type { Db } from "@/lib/server/db/client";
import { providerOf } from "@/lib/server/db/client";
import { mentionNeedle } from "@/lib/server/services/mentions";
import { AppError } from "@/lib/shared/errors";
import { SEARCH_PAGE_SIZE } from "@/lib/shared/schemas/search";
import type { SearchQuery } from "@/lib/shared/search-query";
import { isEmptySearch, parseSearchQuery } from "@/lib/shared/search-query";
import type { MessageKind, PublicUser, SessionUser } from "@/lib/shared/types";

/** One message found: plain text; the client highlights `highlights` (UTF-16 [start, end) offsets in `body`). */
export interface SearchHit {
  message: {
    id: number;
    roomId: string;
    roomName: string;
    roomKind: string;
    body: string;
    kind: MessageKind;
    author: PublicUser;
    createdAt: string;
  };
  /** The words and phrases searched for, as typed. */
  terms: string[];
  highlights: [number, number][];
}

export interface SearchResult {
  results: SearchHit[];
  hasMore: boolean;
}

interface HitRow {
  id: number | bigint;
  roomId: string;
  roomName: string;
  roomKind: string;
  body: string;
  kind: string;
  createdAt: Date | string;
  authorId: string;
  username: string;
  displayName: string;
}

/** A term worth sending to a full-text engine: one that has a letter or digit to index. */
const INDEXABLE = /[\p{L}\p{N}]/u;
const PLAIN_WORD = /^[\p{L}\p{N}]+$/u;

/**
 * FTS5 MATCH text: every term a quoted string (so `AND`, `-`, `:` and `*` are plain
 * text), all required; the last word, if a plain word, also matches as a prefix.
 */
export function fts5Query(terms: string[], prefixLast: boolean): string {
  return terms
    .map((term, i) => {
      const quoted = `"${term.replace(/"/g, '""')}"`;
      return prefixLast && i === terms.length - 1 && PLAIN_WORD.test(term) ? `${quoted}*` : quoted;
    })
    .join(" ");
}

/** Where each term occurs in `body`, ignoring case, sorted and without overlaps. */
export function highlightRanges(body: string, terms: string[]): [number, number][] {
  const haystack = body.toLowerCase();
  const found: [number, number][] = [];
  for (const term of terms) {
    const needle = term.toLowerCase();
    if (!needle) continue;
    for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + needle.length)) found.push([at, at + needle.length]);
  }
  found.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: [number, number][] = [];
  for (const range of found) {
    const last = merged.at(-1);
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push(range);
  }
  return merged;
}

/**
 * A day boundary as both databases compare it: SQLite holds ISO 8601 text
 * ("2026-01-31T12:00:00.000+00:00", see message-writer.ts), which orders as text; the
 * same prefix without a zone casts to PostgreSQL's timestamp(3).
 */
const dayBoundary = (date: Date) => date.toISOString().slice(0, 23);

/**
 * Message search for members: the databases' own full-text engines (SQLite FTS5,
 * PostgreSQL tsvector with the 'simple' configuration), one query language.
 * A viewer finds only what history would show them: rooms they are a member of
 * (DMs included), whispers they sent or received, never removed messages.
 */
export function createSearchService(deps: { db: Db }) {
  const { db } = deps;
  const postgres = providerOf(db) === "postgresql";

  async function run(viewer: SessionUser, query: SearchQuery, page: number, pageSize: number): Promise<SearchResult> {
    const params: unknown[] = [];
    const p = (value: unknown) => {
      params.push(value);
      return postgres ? `$${params.length}` : "?";
    };
    const terms = [...query.words, ...query.phrases].filter((t) => INDEXABLE.test(t));
    const where: string[] = [];
    let from = `"Message" m`;
    let order = `m."id"`;
    if (terms.length > 0) {
      if (postgres) {
        const last = query.words.at(-1);
        for (const term of terms) {
          const prefix = term === last && PLAIN_WORD.test(term);
          where.push(
            prefix
              ? `to_tsvector('simple', m."body") @@ to_tsquery('simple', ${p(`'${term}':*`)})`
              : `to_tsvector('simple', m."body") @@ phraseto_tsquery('simple', ${p(term)})`,
          );
        }
      } else {
        // Words first and the last word last, so the prefix applies to what was typed last.
        const ordered = [...query.phrases, ...query.words].filter((t) => INDEXABLE.test(t));
        // CROSS JOIN keeps the index the outer loop, read newest first (ORDER BY f.rowid DESC
        // below), so LIMIT stops it early: on 1,000,000 messages `in:#room word` otherwise
        // walks the room's messages probing MATCH for each (22 s), and a common word sorts
        // every match before taking 21 (2.8 s); see bench/search.ts.
        from = `"MessageFts" f CROSS JOIN "Message" m ON m."id" = f.rowid`;
        order = "f.rowid";
        where.push(`"MessageFts" MATCH ${p(fts5Query(ordered, query.words.length > 0))}`);
      }
    } else if (query.words.length + query.phrases.length > 0) {
      // Only punctuation was typed: nothing can match it.
      return { results: [], hasMore: false };
    }

    // A placeholder per use: SQLite's `?` are positional.
    const viewerId = () => p(viewer.id);
    where.push(
      `m."deletedAt" IS NULL`,
      `EXISTS (SELECT 1 FROM "RoomMember" rm WHERE rm."roomId" = m."roomId" AND rm."userId" = ${viewerId()})`,
      `(m."recipientId" IS NULL OR m."authorId" = ${viewerId()} OR m."recipientId" = ${viewerId()})`,
    );
    if (query.from) where.push(`u."username" = ${p(query.from)}`);
    if (query.in) where.push(`r."name" = ${p(query.in)}`);
    if (query.hasLink) where.push(`(m."body" LIKE '%http://%' OR m."body" LIKE '%https://%')`);
    if (query.hasFile) where.push(`EXISTS (SELECT 1 FROM "Attachment" a WHERE a."messageId" = m."id")`);
    if (query.mentionsMe) where.push(`m."mentions" LIKE ${p(`%${mentionNeedle(viewer.id)}%`)}`);
    const ts = postgres ? "::timestamp(3)" : "";
    if (query.before) where.push(`m."createdAt" < ${p(dayBoundary(query.before))}${ts}`);
    if (query.after) where.push(`m."createdAt" >= ${p(dayBoundary(query.after))}${ts}`);

    const sql = `SELECT m."id", m."roomId", r."name" AS "roomName", r."kind" AS "roomKind", m."body", m."kind", m."createdAt",
        m."authorId", u."username", u."displayName"
      FROM ${from}
      JOIN "Room" r ON r."id" = m."roomId"
      JOIN "User" u ON u."id" = m."authorId"
      WHERE ${where.join("\n        AND ")}
      ORDER BY ${order} DESC
      LIMIT ${Number(pageSize) + 1} OFFSET ${(page - 1) * pageSize}`;
    // PostgreSQL: no parallel workers. A page is 21 rows found by walking the newest
    // messages; starting workers for that cost more than the walk (measured on 1M
    // messages: a mid-frequency word 60 ms with two workers, 40 ms without).
    const rows = postgres
      ? ((
          await db.$transaction([db.$executeRawUnsafe("SET LOCAL max_parallel_workers_per_gather = 0"), db.$queryRawUnsafe<HitRow[]>(sql, ...params)])
        )[1] as HitRow[])
      : await db.$queryRawUnsafe<HitRow[]>(sql, ...params);
    const shown = query.words.concat(query.phrases);
    return {
      results: rows.slice(0, pageSize).map((row) => ({
        message: {
          id: Number(row.id),
          roomId: row.roomId,
          roomName: row.roomName,
          roomKind: row.roomKind,
          body: row.body,
          kind: row.kind === "me" || row.kind === "whisper" ? row.kind : "text",
          author: { id: row.authorId, username: row.username, displayName: row.displayName },
          createdAt: new Date(row.createdAt).toISOString(),
        },
        terms: shown,
        highlights: highlightRanges(row.body, shown),
      })),
      hasMore: rows.length > pageSize,
    };
  }

  return {
    /** Newest first; `page` counts from 1. Throws AppError("VALIDATION") for a query it cannot read or an empty one. */
    async search(viewer: SessionUser, text: string, options: { page?: number; pageSize?: number } = {}): Promise<SearchResult> {
      const query = parseSearchQuery(text);
      if (isEmptySearch(query)) throw new AppError("VALIDATION", 'Type a word, a "phrase" or a filter such as from:name to search.');
      const page = Math.max(1, Math.floor(options.page ?? 1));
      const pageSize = Math.min(100, Math.max(1, Math.floor(options.pageSize ?? SEARCH_PAGE_SIZE)));
      return run(viewer, query, page, pageSize);
    },
  };
}

export type SearchService = ReturnType<typeof createSearchService>;
