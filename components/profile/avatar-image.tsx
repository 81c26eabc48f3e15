"use client";

import { Avatar, colourOf, initialsOf } from "@/components/ui/avatar";
import { cn } from "@/components/ui/cn";

const sizes = {
  sm: "size-7 text-xs",
  md: "size-9 text-sm",
  lg: "size-16 text-xl",
  xl: "size-24 text-3xl",
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
export function AvatarImage({
  user,
  size = "md",
  decorative = false,
  className,
}: {
  user: AvatarUser;
  size?: AvatarSize;
  decorative?: boolean;
  className?: string;
}) {
  return (
    <Avatar
      src={user.avatarUrl}
      alt={decorative ? "" : user.displayName}
      className={cn(sizes[size], className)}
      aria-hidden={decorative ? true : undefined}
      fallbackClassName={colourOf(user.id)}
      fallback={{ role: decorative ? undefined : "img", "aria-label": decorative ? undefined : user.displayName, children: initialsOf(user.displayName) }}
    />
  );
}
