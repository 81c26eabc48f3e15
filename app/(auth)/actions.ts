"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { setSessionCookie } from "@/lib/server/auth/session-cookie";
import { CLIENT_IP_HEADER } from "@/lib/server/client-ip";
import { getAppContext } from "@/lib/server/context";
import { isAppError, toAppError } from "@/lib/shared/errors";
import type { LoginFormState, SignUpFormState } from "@/lib/shared/schemas/auth-forms";

/**
 * The login and sign-up forms post here (method POST, so a form sent before the
 * page's scripts ran never puts the password in a URL), with or without JavaScript.
 */
export async function logIn(_previous: LoginFormState, form: FormData): Promise<LoginFormState> {
  const context = getAppContext();
  const username = text(form, "username");
  try {
    const user = await context.signIn({ username, password: text(form, "password") }, await clientIp());
    await setSessionCookie(context, user);
  } catch (error) {
    return { error: sentenceFor(error), username };
  }
  redirect("/");
}

export async function signUp(_previous: SignUpFormState, form: FormData): Promise<SignUpFormState> {
  const context = getAppContext();
  const values = { username: text(form, "username"), displayName: text(form, "displayName") };
  const ip = await clientIp();
  try {
    await context.signUp({ ...values, password: text(form, "password") }, ip);
  } catch (error) {
    const appError = isAppError(error) ? error : null;
    return { errors: appError?.fields ?? { _: sentenceFor(error) }, values };
  }
  try {
    // The same checks as any login (an address ban, for one), not a shortcut.
    const user = await context.signIn({ username: values.username, password: text(form, "password") }, ip);
    await setSessionCookie(context, user);
  } catch (error) {
    if (!isAppError(error)) context.logger.error("sign-in after sign-up failed", error);
    return { errors: { _: "Your account was created, but signing in failed. Please log in." }, values };
  }
  redirect("/");
}

const text = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
};

async function clientIp(): Promise<string> {
  return (await headers()).get(CLIENT_IP_HEADER) ?? "unknown";
}

function sentenceFor(error: unknown): string {
  if (!isAppError(error)) getAppContext().logger.error("auth form failed", error);
  return toAppError(error).message;
}
