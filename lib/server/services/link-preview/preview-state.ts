import "server-only";
import { firstLink } from "@/lib/server/services/link-preview/first-link";

/**
 * Message.previewUrl reads: null — no card claimed (no link, previews off, or not yet
 * looked at); a URL — the card of that link is being fetched or shown; "" — its
 * sender removed the card, and none comes back for this message.
 */
export const REMOVED_PREVIEW = "";

/** An edit whose first link is no longer the card's: the card goes with the edit, and the new link gets its own. */
export function previewIsStale(previewUrl: string | null, body: string): boolean {
  return previewUrl !== null && previewUrl !== REMOVED_PREVIEW && previewUrl !== firstLink(body);
}
