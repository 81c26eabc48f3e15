"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { Field } from "@/components/ui/field";
import { signUpSchema } from "@/lib/schemas/auth";

type Errors = Partial<Record<"username" | "displayName" | "password" | "_", string>>;

export function SignUpForm() {
  const router = useRouter();
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const values = {
      username: String(form.get("username") ?? ""),
      displayName: String(form.get("displayName") ?? ""),
      password: String(form.get("password") ?? ""),
    };
    // The same schema the server uses: instant feedback, one source of truth.
    const parsed = signUpSchema.safeParse(values);
    if (!parsed.success) {
      const next: Errors = {};
      for (const issue of parsed.error.issues) next[issue.path[0] as keyof Errors] ??= issue.message;
      setErrors(next);
      return;
    }
    setBusy(true);
    setErrors({});
    try {
      const response = await fetch("/api/signup", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(values),
      });
      if (!response.ok) {
        const body = (await response.json().catch(() => null)) as { error?: { message?: string; fields?: Errors } } | null;
        setErrors(body?.error?.fields ?? { _: body?.error?.message ?? "Sign-up failed. Please try again." });
        setBusy(false);
        return;
      }
      const result = await signIn("credentials", { username: values.username, password: values.password, redirect: false });
      if (!result?.ok || result.error) {
        setErrors({ _: "Your account was created, but signing in failed. Please log in." });
        setBusy(false);
        return;
      }
      router.replace("/");
      router.refresh();
    } catch {
      setErrors({ _: "Could not reach the server. Check your connection and try again." });
      setBusy(false);
    }
  }

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
      <h1 className="text-lg font-semibold">Create your account</h1>
      <Field label="Username" name="username" autoComplete="username" required autoFocus error={errors.username} hint="3–20 characters: a–z, 0–9 and _" />
      <Field label="Display name" name="displayName" autoComplete="nickname" required error={errors.displayName} hint="How others see you (1–32 characters)" />
      <Field label="Password" name="password" type="password" autoComplete="new-password" required error={errors.password} hint="At least 8 characters" />
      {errors._ ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700 dark:bg-red-950 dark:text-red-300">
          {errors._}
        </p>
      ) : null}
      <button type="submit" disabled={busy} className="rounded-md bg-indigo-600 px-4 py-2 font-medium text-white hover:bg-indigo-500 disabled:opacity-60">
        {busy ? "Creating account…" : "Sign up"}
      </button>
      <p className="text-center text-sm">
        Already have an account?{" "}
        <Link href="/login" className="font-medium text-indigo-600 underline dark:text-indigo-400">
          Log in
        </Link>
      </p>
    </form>
  );
}
