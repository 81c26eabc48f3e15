import { z } from "@/lib/shared/schemas/zod";
import type { LinkPreview } from "@/lib/shared/types";

/** A preview card as stored (Message.preview, LinkPreview.data): plain text only, lengths capped where it was fetched. */
export const linkPreviewSchema = z.object({
  url: z.url({ protocol: /^https?$/ }),
  title: z.string().min(1).max(200),
  description: z.string().max(300).optional(),
  siteName: z.string().max(100).optional(),
  imageUrl: z
    .string()
    .regex(/^\/api\/previews\/[A-Za-z0-9_-]{22}\.webp$/)
    .optional(),
}) satisfies z.ZodType<LinkPreview>;

/** The stored JSON as a card, or undefined when there is none or it no longer reads as one. */
export function readLinkPreview(json: string | null | undefined): LinkPreview | undefined {
  if (!json) return undefined;
  try {
    const parsed = linkPreviewSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
