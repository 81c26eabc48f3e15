import { http } from "@/lib/client/http";
import type { PublicUser } from "@/lib/shared/types";

/** What a login or sign-up came to: a session cookie, or a sentence to show (`unreachable`: worth retrying). */
export type AuthResult = { ok: true; cookie: string } | { ok: false; error: string; unreachable?: boolean };

/** The sentence for a wrong login: it names neither field, so it tells nobody which usernames exist. */
export const WRONG_LOGIN = "Wrong username or password";

const endpoint = (base: string, path: string) => new URL(path, base).toString();

/** `name=value` pairs from Set-Cookie headers, for sending back as a Cookie header. */
function cookiePairs(response: Response): Map<string, string> {
  const pairs = new Map<string, string>();
  for (const line of response.headers.getSetCookie()) {
    const pair = line.split(";")[0] ?? "";
    const eq = pair.indexOf("=");
    if (eq > 0) pairs.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
  }
  return pairs;
}

const header = (pairs: Map<string, string>) => [...pairs].map(([name, value]) => `${name}=${value}`).join("; ");

async function reach(url: string, init: RequestInit): Promise<Response | null> {
  try {
    return await fetch(url, { ...init, redirect: "manual", cache: "no-store" });
  } catch {
    return null;
  }
}

/** next-auth's CSRF token and the cookie that pairs with it. */
async function csrf(base: string, cookie = ""): Promise<{ token: string; cookies: Map<string, string> } | null> {
  const response = await reach(endpoint(base, "/api/auth/csrf"), { headers: cookie ? { cookie } : {} });
  if (!response?.ok) return null;
  const body = (await response.json().catch(() => null)) as { csrfToken?: string } | null;
  return body?.csrfToken ? { token: body.csrfToken, cookies: cookiePairs(response) } : null;
}

/** The error next-auth put in its redirect (`?error=…`): the server's sentence, or its generic code. */
function redirectError(response: Response, body: unknown): string | null {
  const target = (body as { url?: string } | null)?.url ?? response.headers.get("location");
  if (!target) return null;
  const error = new URL(target, "http://x").searchParams.get("error");
  if (!error) return null;
  return error === "CredentialsSignin" ? WRONG_LOGIN : error;
}

/** Signs in through the same endpoints as the login form (docs/protocol.md, "Connecting"). */
export async function logIn(base: string, username: string, password: string): Promise<AuthResult> {
  const token = await csrf(base);
  if (!token) return { ok: false, error: `Can't reach ${base}`, unreachable: true };
  const form = new URLSearchParams({ csrfToken: token.token, username, password, json: "true", callbackUrl: base });
  const response = await reach(endpoint(base, "/api/auth/callback/credentials"), {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: header(token.cookies) },
    body: form.toString(),
  });
  if (!response) return { ok: false, error: `Can't reach ${base}`, unreachable: true };
  const body: unknown = await response.json().catch(() => null);
  const sessions = new Map([...cookiePairs(response)].filter(([name]) => name.includes("session-token")));
  const error = redirectError(response, body);
  if (error || sessions.size === 0) return { ok: false, error: error ?? WRONG_LOGIN };
  return { ok: true, cookie: header(sessions) };
}

/** Creates the account (`POST /api/signup`), then signs in with it. */
export async function signUp(base: string, input: { username: string; displayName: string; password: string }): Promise<AuthResult> {
  const answer = await http<{ user: PublicUser }>(endpoint(base, "/api/signup"), { method: "POST", body: input });
  if (!answer.ok) {
    if (answer.error.status === 0) return { ok: false, error: `Can't reach ${base}`, unreachable: true };
    const fields = answer.error.fields ? Object.values(answer.error.fields).filter((f) => f !== answer.error.message) : [];
    return { ok: false, error: [answer.error.message, ...fields].join(" ") };
  }
  return logIn(base, input.username, input.password);
}

/** Ends the session on the server too, so the cookie stops working everywhere (best effort: the file goes either way). */
export async function logOut(base: string, cookie: string): Promise<void> {
  const token = await csrf(base, cookie);
  if (!token) return;
  const saved = cookie.split("; ").map((pair): [string, string] => [pair.slice(0, pair.indexOf("=")), pair.slice(pair.indexOf("=") + 1)]);
  const cookies = header(new Map([...token.cookies, ...saved]));
  await reach(endpoint(base, "/api/auth/signout"), {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookies },
    body: new URLSearchParams({ csrfToken: token.token, json: "true", callbackUrl: base }).toString(),
  });
}
