import "server-only";
import { env } from "@/lib/server/env";
import type { PagePreview } from "@/lib/server/services/link-preview/parse";
import { parsePreview } from "@/lib/server/services/link-preview/parse";
import type { SafeFetchOptions } from "@/lib/server/services/link-preview/safe-fetch";
import { safeFetch } from "@/lib/server/services/link-preview/safe-fetch";

function charsetOf(contentType: string): string {
  return /charset\s*=\s*"?([\w.:-]+)/i.exec(contentType)?.[1] ?? "utf-8";
}

function decodeText(body: Buffer, contentType: string): string {
  try {
    return new TextDecoder(charsetOf(contentType)).decode(body);
  } catch {
    return new TextDecoder("utf-8").decode(body);
  }
}

/** Fetches a page safely and reads its preview; throws PreviewFetchError when it cannot. */
export async function fetchLinkPreview(url: string, opts: Omit<SafeFetchOptions, "kind"> = {}): Promise<PagePreview & { url: string }> {
  const page = await safeFetch(url, { allowHosts: env.LINK_PREVIEW_ALLOW_HOSTS, ...opts, kind: "page" });
  return { url: page.url, ...parsePreview(decodeText(page.body, page.contentType), page.url) };
}
