import { buttonVariants } from "@/components/ui/button";

/**
 * What a signed-in plain user sees at /admin. No client components on purpose: the root
 * forbidden boundary is part of every page's tree, so anything client-side here would be
 * loaded (a second time, in its own chunk) with the chat page. A plain link reloads into
 * the chat, which is what leaving a refusal should do anyway.
 */
export function ForbiddenPage() {
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center gap-4 px-4 text-center">
      <p className="text-5xl font-bold text-muted-foreground/60" aria-hidden="true">
        403
      </p>
      <h1 className="text-xl font-semibold">You can&apos;t open this page</h1>
      <p className="max-w-md text-muted-foreground">Only moderators and administrators can open the moderation console.</p>
      <a href="/" className={buttonVariants({ size: "lg" })}>
        Back to chat
      </a>
    </main>
  );
}
