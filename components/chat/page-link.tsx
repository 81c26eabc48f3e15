"use client";

import { useRouter } from "next/navigation";
import type { MouseEvent, ReactNode } from "react";

/**
 * A link from the chat to another Parley page that navigates client-side, as next/link
 * does, so the tab keeps its one socket (no "logged out, logged in" for everyone else).
 * Not next/link itself: that component and its helpers are ~3 KiB gzip of the chat page's
 * first-load budget (bench/web.ts), while the router it drives is loaded anyway. It
 * prefetches the page when pointed at or focused, just before it is likely to be opened.
 * Other pages, without such a budget, use next/link.
 */
export function PageLink({ href, className, children }: { href: string; className?: string; children: ReactNode }) {
  const router = useRouter();
  const prefetch = () => router.prefetch(href);
  const open = (event: MouseEvent<HTMLAnchorElement>) => {
    // New tab, new window, download: leave those to the browser.
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    router.push(href);
  };
  return (
    <a href={href} className={className} onClick={open} onPointerEnter={prefetch} onFocus={prefetch}>
      {children}
    </a>
  );
}
