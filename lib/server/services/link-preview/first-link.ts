import "server-only";
const MAX_URL = 2048;

/** Code fences first, then inline code: a link someone quotes as code is not one they are sharing. */
function withoutCode(body: string): string {
  return body.replace(/(`{3,}|~{3,})[\s\S]*?(?:\1|$)/g, " ").replace(/(`+)[^`]*?\1/g, " ");
}

/** Trailing punctuation belongs to the sentence, and a ")" only to the URL when it opened one. */
function trimTrailing(url: string): string {
  let out = url;
  for (;;) {
    const last = out.at(-1);
    if (last && ".,;:!?'\"*_>]}".includes(last)) out = out.slice(0, -1);
    else if (last === ")" && (out.match(/\(/g)?.length ?? 0) < (out.match(/\)/g)?.length ?? 0)) out = out.slice(0, -1);
    else return out;
  }
}

/** The first http(s) link in a message's text, for its preview; null when there is none. */
export function firstLink(body: string): string | null {
  for (const [match] of withoutCode(body).matchAll(/\bhttps?:\/\/[^\s<>"`]+/gi)) {
    const candidate = trimTrailing(match);
    if (candidate.length > MAX_URL) continue;
    try {
      const url = new URL(candidate);
      if (url.hostname) return candidate;
    } catch {}
  }
  return null;
}
