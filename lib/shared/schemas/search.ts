import { z } from "@/lib/shared/schemas/zod";

/** Results per page of message search. */
export const SEARCH_PAGE_SIZE = 20;

/** GET /api/search: `q` in the search language of lib/shared/search-query.ts. */
export const searchRequestSchema = z.object({
  q: z.string({ error: "Type something to search for" }).trim().min(1, "Type something to search for").max(500, "That search is too long"),
  page: z.coerce.number({ error: "page is a number" }).int().min(1).max(500).default(1),
});
export type SearchRequestInput = z.infer<typeof searchRequestSchema>;
