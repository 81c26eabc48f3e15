import "server-only";

/** Long enough for any real file name, short enough for a message bubble and a header. */
export const NAME_MAX_CHARS = 120;

const extensionOf = (name: string) => /\.([A-Za-z0-9]{1,10})$/.exec(name)?.[1]?.toLowerCase() ?? "";

/**
 * A name safe to show and to put in a header: no folders, no control or direction
 * characters (a right-to-left override can make "gpj.exe" read as "exe.jpg"), no
 * leading dots, at most NAME_MAX_CHARS characters with the extension kept. `ext`
 * replaces the extension (an image re-encoded as WebP is named .webp); `fallbackExt`
 * is added only when the name has none.
 */
export function safeDisplayName(raw: string, options: { ext?: string; fallbackExt?: string; fallback?: string } = {}): string {
  let name = (raw.split(/[/\\]/).pop() ?? "")
    .normalize("NFC")
    .replace(/[\t\n\r\v\f]/g, " ")
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, "")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^[.\s]+/, "");
  let ext = extensionOf(name);
  if (options.ext && ext !== options.ext && !(options.ext === "jpg" && ext === "jpeg")) {
    if (ext) name = name.slice(0, -(ext.length + 1));
    ext = options.ext;
    name = `${name || (options.fallback ?? "file")}.${ext}`;
  } else if (!ext && options.fallbackExt) {
    ext = options.fallbackExt;
    name = `${name || (options.fallback ?? "file")}.${ext}`;
  }
  if (!name || name === `.${ext}`) name = `${options.fallback ?? "file"}${ext ? `.${ext}` : ""}`;
  const chars = [...name];
  if (chars.length <= NAME_MAX_CHARS) return name;
  const tail = ext ? `.${ext}` : "";
  return `${chars
    .slice(0, NAME_MAX_CHARS - tail.length)
    .join("")
    .trimEnd()}${tail}`;
}

/**
 * RFC 6266 / RFC 5987: an ASCII `filename` for old clients and the exact name as
 * UTF-8 in `filename*`. Quotes, backslashes and anything outside printable ASCII
 * never reach the quoted form.
 */
export function contentDisposition(type: "inline" | "attachment", name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, "_").replace(/["\\%]/g, "_");
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${type}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
