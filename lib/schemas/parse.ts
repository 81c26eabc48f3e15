import type { z } from "zod";
import { AppError } from "@/lib/errors";

/**
 * The one place a zod failure becomes an AppError: the first issue is the sentence,
 * and every field's first issue is kept for forms.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
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
