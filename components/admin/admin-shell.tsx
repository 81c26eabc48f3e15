import Link from "next/link";
import type { ReactNode } from "react";
import { AdminNav } from "@/components/admin/admin-nav";
import type { Viewer } from "@/components/admin/types";
import { ViewerProvider } from "@/components/admin/viewer-context";
import { ThemeToggle } from "@/components/ui/theme-toggle";
import { ArrowLeftIcon } from "lucide-react";

const small = "inline-flex items-center gap-1 whitespace-nowrap rounded-md px-2 py-1 text-sm hover:bg-accent";

/** Header, section navigation and the page; the viewer is known to every panel below. */
export function AdminShell({ viewer, children }: { viewer: Viewer; children: ReactNode }) {
  return (
    <ViewerProvider viewer={viewer}>
      <div className="flex min-h-dvh flex-col">
        <a
          href="#admin-main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-10 focus:rounded-md focus:bg-background focus:px-3 focus:py-2"
        >
          Skip to content
        </a>
        <header className="flex flex-wrap items-center gap-2 border-b border-border px-3 py-2">
          <Link href="/" className={small}>
            <ArrowLeftIcon aria-hidden="true" className="size-4" />
            Back to chat
          </Link>
          <p className="font-semibold">Parley moderation</p>
          <span className="flex-1" />
          <span className="text-sm text-muted-foreground">
            {viewer.displayName} <span className="rounded-full bg-muted px-2 py-0.5 text-xs">{viewer.role}</span>
          </span>
          <ThemeToggle />
        </header>
        <div className="flex min-h-0 flex-1 flex-col md:flex-row">
          <AdminNav />
          <main id="admin-main" className="min-w-0 flex-1 px-3 py-4 sm:px-6">
            {children}
          </main>
        </div>
      </div>
    </ViewerProvider>
  );
}
