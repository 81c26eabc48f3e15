"use client";

import Link from "next/link";
import { useActionState } from "react";
import { logIn } from "@/app/(auth)/actions";
import { Field } from "@/components/ui/field";
import type { LoginFormState } from "@/lib/shared/schemas/auth-forms";
import { Button } from "@/components/ui/button";

/** Posts to a server action, so logging in works before (or without) the page's JavaScript. */
export function LoginForm({ notice = null }: { notice?: string | null }) {
  const [state, action, busy] = useActionState(logIn, {} satisfies LoginFormState);

  return (
    <form action={action} className="flex flex-col gap-4" noValidate>
      <h1 className="text-lg font-semibold">Log in</h1>
      {notice ? (
        <p role="status" className="rounded-md bg-warning/15 px-3 py-2 text-sm text-foreground">
          {notice}
        </p>
      ) : null}
      <Field label="Username" name="username" autoComplete="username" required autoFocus defaultValue={state.username} />
      <Field label="Password" name="password" type="password" autoComplete="current-password" required />
      {state.error ? (
        <p role="alert" className="rounded-md bg-destructive/10 px-3 py-2 text-sm text-destructive">
          {state.error}
        </p>
      ) : null}
      <Button type="submit" disabled={busy}>
        {busy ? "Logging in…" : "Log in"}
      </Button>
      <p className="text-center text-sm">
        New here?{" "}
        <Link href="/signup" className="font-medium text-primary underline">
          Create an account
        </Link>
      </p>
    </form>
  );
}
