import { z } from "@/lib/shared/schemas/zod";

/**
 * Trims and drops a leading sigil (`#room`, `@user`) before the real checks run. Its
 * input type is the inner schema's (what a client should send); anything else still
 * reaches the inner schema, which refuses it.
 */
export function withoutPrefix<S extends z.ZodType>(prefix: string, schema: S) {
  return z.preprocess<unknown, S, z.input<S>>(
    (value: unknown) => (typeof value === "string" ? value.trim().replace(new RegExp(`^\\${prefix}`), "") : value),
    schema,
  );
}

/** A username as typed by someone else: `@Alice` → `alice`. */
export const usernameRefSchema = withoutPrefix(
  "@",
  z.string({ error: "Say which user" }).trim().toLowerCase().min(1, "Say which user").max(20, "No such user"),
);
