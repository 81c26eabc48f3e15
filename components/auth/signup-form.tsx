"use client";

import Link from "next/link";
import type { FormEvent } from "react";
import { useActionState, useState } from "react";
import { signUp } from "@/app/(auth)/actions";
import { Field } from "@/components/ui/field";
import { signUpSchema } from "@/lib/shared/schemas/auth";
import type { SignUpFormState } from "@/lib/shared/schemas/auth-forms";
import { Button } from "@/components/ui/button";

type Errors = NonNullable<SignUpFormState["errors"]>;

/** Posts to a server action, so signing up works before (or without) the page's JavaScript. */
export function SignUpForm() {
  const [state, action, busy] = useActionState(signUp, {} satisfies SignUpFormState);
  const [checked, setChecked] = useState<{ errors: Errors; for: SignUpFormState } | null>(null);
  // Errors found in the browser hold until the server answers the next submission.
  const errors = checked && checked.for === state ? checked.errors : (state.errors ?? {});

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    // The same schema the server uses: instant feedback, one source of truth.
    const parsed = signUpSchema.safeParse(Object.fromEntries(new FormData(event.currentTarget)));
    if (parsed.success) {
      setChecked(null);
      return;
    }
    event.preventDefault();
    const next: Errors = {};
    for (const issue of parsed.error.issues) next[String(issue.path[0])] ??= issue.message;
    setChecked({ errors: next, for: state });
  }

  return (
    <form action={action} onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
      <h1 className="text-lg font-semibold">Create your account</h1>
      <Field
        label="Username"
        name="username"
        autoComplete="username"
        required
        autoFocus
        defaultValue={state.values?.username}
        error={errors.username}
        hint="3–20 characters: a–z, 0–9 and _"
      />
      <Field
        label="Display name"
        name="displayName"
        autoComplete="nickname"
        required
        defaultValue={state.values?.displayName}
        error={errors.displayName}
        hint="How others see you (1–32 characters)"
      />
      <Field label="Password" name="password" type="password" autoComplete="new-password" required error={errors.password} hint="At least 8 characters" />
      {errors._ ? (
        <p role="alert" className="rounded-md bg-destructive/10 px-3 py-2 text-sm text-destructive">
          {errors._}
        </p>
      ) : null}
      <Button type="submit" disabled={busy}>
        {busy ? "Creating account…" : "Sign up"}
      </Button>
      <p className="text-center text-sm">
        Already have an account?{" "}
        <Link href="/login" className="font-medium text-primary underline">
          Log in
        </Link>
      </p>
    </form>
  );
}
