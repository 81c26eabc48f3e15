import type { z } from "zod";
import { AppError } from "@/lib/shared/errors";

/**
 * The one place a zod failure becomes an AppError: the first issue is the sentence,
 * and every field's first issue is kept for forms.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  if (hasNul(input)) throw new AppError("VALIDATION", "Text can't contain NUL characters.");
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fields: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const key = issue.path.join(".") || "_";
    fields[key] ??= issue.message;
  }
  const first = result.error.issues[0];
  const message = first?.message ?? "Invalid input.";
  throw new AppError("VALIDATION", message, fields);
}

/**
 * PostgreSQL text cannot hold U+0000 (SQLite stores it): a NUL in an id or a message
 * fails in the database there, so it is refused here for both, before any schema. Never
 * typed by a person; the socket fuzzer sends it. Depth-limited: payloads are small.
 */
function hasNul(value: unknown, depth = 0): boolean {
  if (typeof value === "string") return value.includes("\u0000");
  if (depth > 8 || value === null || typeof value !== "object") return false;
  if (Array.isArray(value)) return value.some((item) => hasNul(item, depth + 1));
  return Object.entries(value).some(([key, item]) => key.includes("\u0000") || hasNul(item, depth + 1));
}
