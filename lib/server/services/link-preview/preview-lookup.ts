import "server-only";
import type { Db } from "@/lib/server/db/client";
import { upsertRacing } from "@/lib/server/db/upsert";
import type { Logger } from "@/lib/server/logger";
import { fetchLinkPreview } from "@/lib/server/services/link-preview/fetch-preview";
import { newPreviewImageName, reencodePreviewImage } from "@/lib/server/services/link-preview/preview-image";
import { PreviewFetchError, safeFetch } from "@/lib/server/services/link-preview/safe-fetch";
import { linkPreviewSchema, readLinkPreview } from "@/lib/shared/schemas/link-preview";
import type { LinkPreview } from "@/lib/shared/types";

/** A page's card is reused this long: titles rarely change, and a popular link is fetched once a day at most. */
export const PREVIEW_OK_TTL_MS = 24 * 60 * 60 * 1000;
/** A page that failed or had nothing to show is tried again sooner (it may have been down). */
export const PREVIEW_RETRY_TTL_MS = 60 * 60 * 1000;

type Status = "ok" | "none" | "error";

export interface PreviewLookupDeps {
  db: Db;
  logger: Logger;
  /** LINK_PREVIEW_ALLOW_HOSTS: empty in production, so local addresses are refused. */
  allowHosts: readonly string[];
  now?: () => number;
}

/**
 * The card for a URL: from the per-URL cache (LinkPreview) while it is fresh, else
 * fetched, its image copied and re-encoded into PreviewImage (never hot-linked), and
 * cached. Concurrent lookups of one URL in this process share one fetch; two nodes may
 * each fetch it once, which the cache then absorbs. Never throws for a bad page.
 */
export function createPreviewLookup(deps: PreviewLookupDeps) {
  const { db, logger, allowHosts } = deps;
  const now = deps.now ?? Date.now;
  const inFlight = new Map<string, Promise<LinkPreview | null>>();

  async function storeImage(imageUrl: string): Promise<string | undefined> {
    try {
      const image = await safeFetch(imageUrl, { kind: "image", allowHosts });
      const webp = await reencodePreviewImage(image.body);
      if (!webp) return undefined;
      const name = newPreviewImageName();
      await db.previewImage.create({ data: { name, bytes: new Uint8Array(webp) } });
      return `/api/previews/${name}`;
    } catch (error) {
      if (!(error instanceof PreviewFetchError)) logger.warn("link preview image failed", error);
      return undefined;
    }
  }

  async function fetchFresh(url: string): Promise<{ status: Status; preview: LinkPreview | null }> {
    let page: Awaited<ReturnType<typeof fetchLinkPreview>>;
    try {
      page = await fetchLinkPreview(url, { allowHosts });
    } catch (error) {
      if (!(error instanceof PreviewFetchError)) logger.warn("link preview fetch failed", error);
      return { status: "error", preview: null };
    }
    if (!page.title) return { status: "none", preview: null };
    const imageUrl = page.imageUrl ? await storeImage(page.imageUrl) : undefined;
    // The card links to what the person wrote, not wherever its redirects ended.
    const parsed = linkPreviewSchema.safeParse({
      url,
      title: page.title,
      ...(page.description ? { description: page.description } : {}),
      ...(page.siteName ? { siteName: page.siteName } : {}),
      ...(imageUrl ? { imageUrl } : {}),
    });
    return parsed.success ? { status: "ok", preview: parsed.data } : { status: "none", preview: null };
  }

  async function load(url: string): Promise<LinkPreview | null> {
    const cached = await db.linkPreview.findUnique({ where: { url } });
    if (cached) {
      const age = now() - cached.fetchedAt.getTime();
      if (cached.status === "ok" && age < PREVIEW_OK_TTL_MS) {
        const preview = readLinkPreview(cached.data);
        if (preview) return preview;
      } else if (cached.status !== "ok" && age < PREVIEW_RETRY_TTL_MS) return null;
    }
    const { status, preview } = await fetchFresh(url);
    const row = { status, data: preview ? JSON.stringify(preview) : null, fetchedAt: new Date(now()) };
    await upsertRacing(() => db.linkPreview.upsert({ where: { url }, create: { url, ...row }, update: row }));
    return preview;
  }

  return {
    /** The card for `url`, or null when its page gives none (refused, failed, no title). */
    get(url: string): Promise<LinkPreview | null> {
      const running = inFlight.get(url);
      if (running) return running;
      const started = load(url).finally(() => inFlight.delete(url));
      inFlight.set(url, started);
      return started;
    },

    /** A stored preview image (WebP), or null. */
    async image(name: string): Promise<Buffer | null> {
      const row = await db.previewImage.findUnique({ where: { name } });
      return row ? Buffer.from(row.bytes) : null;
    },
  };
}

export type PreviewLookup = ReturnType<typeof createPreviewLookup>;
