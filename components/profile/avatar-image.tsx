"use client";

import { useState } from "react";
import { colourOf, initialsOf } from "@/components/ui/avatar";

const sizes = {
  sm: { box: "h-7 w-7 text-xs", px: 28 },
  md: { box: "h-9 w-9 text-sm", px: 36 },
  lg: { box: "h-16 w-16 text-xl", px: 64 },
  xl: { box: "h-24 w-24 text-3xl", px: 96 },
} as const;
export type AvatarSize = keyof typeof sizes;

export interface AvatarUser {
  id: string;
  displayName: string;
  /** `/api/avatars/<name>.webp`; null or absent shows initials. */
  avatarUrl?: string | null;
}

/**
 * A user's avatar, or their initials on a colour derived from their id when
 * they have none (or the image fails to load). `decorative` when the name is
 * already written right next to it (message headers, lists), so screen
 * readers don't hear it twice.
 */
export function AvatarImage({ user, size = "md", decorative = false, className = "" }: { user: AvatarUser; size?: AvatarSize; decorative?: boolean; className?: string }) {
  const { box, px } = sizes[size];
  // Remembers which URL failed, so a new avatar gets its own chance to load.
  const [failedUrl, setFailedUrl] = useState<string | null>(null);
  const url = user.avatarUrl && user.avatarUrl !== failedUrl ? user.avatarUrl : null;

  if (url) {
    return (
      // Avatars are already 256×256 WebP from our own origin; next/image would only re-encode them again.
      // eslint-disable-next-line @next/next/no-img-element
      <img
        src={url}
        alt={decorative ? "" : user.displayName}
        width={px}
        height={px}
        loading="lazy"
        decoding="async"
        onError={() => setFailedUrl(url)}
        className={`${box} shrink-0 rounded-full bg-zinc-200 object-cover dark:bg-zinc-800 ${className}`}
      />
    );
  }
  return (
    <span
      role={decorative ? undefined : "img"}
      aria-label={decorative ? undefined : user.displayName}
      aria-hidden={decorative ? true : undefined}
      className={`${box} ${colourOf(user.id)} inline-flex shrink-0 select-none items-center justify-center rounded-full font-semibold text-white ${className}`}
    >
      {initialsOf(user.displayName)}
    </span>
  );
}
