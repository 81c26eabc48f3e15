import Link from "next/link";
import { buttonVariants } from "@/components/ui/button";
import { ThemeToggle } from "@/components/ui/theme-toggle";

/** What a signed-in plain user sees at /admin. */
export function ForbiddenPage() {
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center gap-4 px-4 text-center">
      <div className="absolute right-3 top-3">
        <ThemeToggle />
      </div>
      <p className="text-5xl font-bold text-muted-foreground/60" aria-hidden="true">
        403
      </p>
      <h1 className="text-xl font-semibold">You can&apos;t open this page</h1>
      <p className="max-w-md text-muted-foreground">Only moderators and administrators can open the moderation console.</p>
      <Link href="/" className={buttonVariants({ size: "lg" })}>
        Back to chat
      </Link>
    </main>
  );
}
