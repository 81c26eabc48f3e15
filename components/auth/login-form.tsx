"use client";

import Link from "next/link";
import { useActionState } from "react";
import { logIn } from "@/app/(auth)/actions";
import { Field } from "@/components/ui/field";
import type { LoginFormState } from "@/lib/schemas/auth-forms";

/** Posts to a server action, so logging in works before (or without) the page's JavaScript. */
export function LoginForm({ notice = null }: { notice?: string | null }) {
  const [state, action, busy] = useActionState(logIn, {} satisfies LoginFormState);

  return (
    <form action={action} className="flex flex-col gap-4" noValidate>
      <h1 className="text-lg font-semibold">Log in</h1>
      {notice ? (
        <p role="status" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-100">
          {notice}
        </p>
      ) : null}
      <Field label="Username" name="username" autoComplete="username" required autoFocus defaultValue={state.username} />
      <Field label="Password" name="password" type="password" autoComplete="current-password" required />
      {state.error ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700 dark:bg-red-950 dark:text-red-300">
          {state.error}
        </p>
      ) : null}
      <button type="submit" disabled={busy} className="rounded-md bg-primary px-4 py-2 font-medium text-white hover:bg-primary/90 disabled:opacity-60">
        {busy ? "Logging in…" : "Log in"}
      </button>
      <p className="text-center text-sm">
        New here?{" "}
        <Link href="/signup" className="font-medium text-indigo-600 underline dark:text-indigo-400">
          Create an account
        </Link>
      </p>
    </form>
  );
}
