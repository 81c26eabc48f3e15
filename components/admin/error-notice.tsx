import Link from "next/link";
import type { HttpError } from "@/lib/client/http";
import { nextStep } from "@/lib/client/http";
import { Button } from "@/components/ui/button";

/** The server's sentence, what to do next, and a way to do it. */
export function ErrorNotice({ error, onRetry, step: given, className = "" }: { error: HttpError; onRetry?: () => void; step?: string; className?: string }) {
  const step = given ?? nextStep(error);
  return (
    <div role="alert" className={`flex flex-wrap items-center gap-2 rounded-md bg-destructive/10 px-3 py-2 text-sm text-destructive ${className}`}>
      <p>
        {error.message}
        {step ? ` ${step}` : ""}
      </p>
      {error.status === 401 ? (
        <Link href="/login" className="font-medium underline">
          Log in
        </Link>
      ) : null}
      {onRetry && error.status !== 401 ? (
        <Button variant="outline" size="sm" type="button" onClick={onRetry}>
          Try again
        </Button>
      ) : null}
    </div>
  );
}
