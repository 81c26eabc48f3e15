"use client";

import type { ComponentProps } from "react";
import { useState } from "react";
import { cn } from "@/components/ui/cn";

// Avatar fills are identity colours, not theme colours: white initials read on each in light and
// dark. The 700 shades are the lightest where white small text keeps WCAG AA contrast (4.5:1).
const palette = ["bg-rose-700", "bg-amber-700", "bg-emerald-700", "bg-sky-700", "bg-indigo-700", "bg-fuchsia-700", "bg-teal-700", "bg-orange-700"];

export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0]?.[0], words[1]?.[0]] : [...(words[0] ?? "?")].slice(0, 2);
  return letters.join("").toUpperCase() || "?";
}

export function colourOf(seed: string): string {
  let hash = 0;
  for (const ch of seed) hash = (hash * 31 + (ch.codePointAt(0) ?? 0)) >>> 0;
  return palette[hash % palette.length] ?? "bg-zinc-700";
}

/**
 * A round picture with a fallback: `src` when it loads, else `fallback` (initials).
 * Written here rather than on Radix Avatar: it is on every chat row and the chat
 * page's first-load budget is tight; a plain <img> with onError does the same job.
 */
export function Avatar({
  src,
  alt,
  fallback,
  fallbackClassName,
  className,
  ...props
}: ComponentProps<"span"> & { src?: string | null; alt: string; fallback: ComponentProps<"span">; fallbackClassName?: string }) {
  // Remembers which URL failed, so a new avatar gets its own chance to load.
  const [failedUrl, setFailedUrl] = useState<string | null>(null);
  const url = src && src !== failedUrl ? src : null;
  return (
    <span data-slot="avatar" className={cn("relative flex size-9 shrink-0 overflow-hidden rounded-full", className)} {...props}>
      {url ? (
        // Avatars are already 256×256 WebP from our own origin; next/image would only re-encode them.
        <img src={url} alt={alt} loading="lazy" decoding="async" onError={() => setFailedUrl(url)} className="aspect-square size-full bg-muted object-cover" />
      ) : (
        <span
          {...fallback}
          className={cn("flex size-full items-center justify-center font-semibold text-white select-none", fallbackClassName, fallback.className)}
        />
      )}
    </span>
  );
}
