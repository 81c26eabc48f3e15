import "server-only";
import { decodeEntities } from "@/lib/server/services/link-preview/entities";

export interface PagePreview {
  title: string | null;
  description: string | null;
  siteName: string | null;
  /** Absolute http(s) URL; still to be fetched (and checked) as an image. */
  imageUrl: string | null;
}

const CAPS = { title: 200, description: 300, siteName: 100, imageUrl: 2048 } as const;

const META = /<meta\b((?:[^>"']|"[^"]*"|'[^']*')*)>/gi;
const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

/** Comments, scripts and styles can hold text that looks like tags; drop them first. */
function stripInert(html: string): string {
  return html.replace(/<!--[\s\S]*?(?:-->|$)/g, "").replace(/<(script|style|template|noscript)\b[\s\S]*?(?:<\/\1\s*>|$)/gi, "");
}

function metaTags(html: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const [, attributes = ""] of html.matchAll(META)) {
    const attrs = new Map<string, string>();
    for (const [, name = "", dq, sq, bare] of attributes.matchAll(ATTRIBUTE)) {
      attrs.set(name.toLowerCase(), dq ?? sq ?? bare ?? "");
    }
    const key = (attrs.get("property") ?? attrs.get("name") ?? "").trim().toLowerCase();
    const content = attrs.get("content");
    if (key && content !== undefined && !found.has(key)) found.set(key, content);
  }
  return found;
}

/** Plain text: no tags, no control characters, one space between words, at most `max` characters. */
function clean(raw: string | undefined, max: number): string | null {
  if (raw === undefined) return null;
  const text = decodeEntities(raw.replace(/<[^>]*>/g, " "))
    // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  if (!text) return null;
  const chars = Array.from(text);
  return chars.length <= max
    ? text
    : `${chars
        .slice(0, max - 1)
        .join("")
        .trimEnd()}…`;
}

function absoluteImage(raw: string | undefined, pageUrl: string): string | null {
  const value = raw === undefined ? "" : decodeEntities(raw).trim();
  if (!value) return null;
  try {
    const url = new URL(value, pageUrl);
    if ((url.protocol !== "http:" && url.protocol !== "https:") || url.href.length > CAPS.imageUrl) return null;
    return url.href;
  } catch {
    return null;
  }
}

function first(meta: Map<string, string>, keys: readonly string[]): string | undefined {
  for (const key of keys) {
    const value = meta.get(key);
    if (value?.trim()) return value;
  }
  return undefined;
}

/** Reads a page's preview from its HTML; Open Graph first, then Twitter cards, then plain HTML. */
export function parsePreview(html: string, pageUrl: string): PagePreview {
  const page = stripInert(html);
  const meta = metaTags(page);
  const titleTag = /<title\b[^>]*>([\s\S]*?)<\/title\s*>/i.exec(page)?.[1];
  return {
    title: clean(first(meta, ["og:title", "twitter:title"]) ?? titleTag, CAPS.title),
    description: clean(first(meta, ["og:description", "twitter:description", "description"]), CAPS.description),
    siteName: clean(first(meta, ["og:site_name"]), CAPS.siteName),
    imageUrl: absoluteImage(first(meta, ["og:image", "og:image:url", "og:image:secure_url", "twitter:image", "twitter:image:src"]), pageUrl),
  };
}
