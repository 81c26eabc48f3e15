import "server-only";
import { env } from "@/lib/server/env";

/** next-auth names its cookie by protocol; a socket may arrive over either. */
export const SESSION_COOKIE_NAMES = ["__Secure-next-auth.session-token", "next-auth.session-token"] as const;

export function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    const raw = part.slice(eq + 1).trim();
    try {
      cookies.set(name, decodeURIComponent(raw));
    } catch {
      cookies.set(name, raw);
    }
  }
  return cookies;
}

export function sessionTokenFromCookies(header: string | undefined): string | undefined {
  const cookies = parseCookies(header);
  for (const name of SESSION_COOKIE_NAMES) {
    const value = cookies.get(name);
    if (value) return value;
  }
  return undefined;
}

/**
 * Whether next-auth treats this request as https, and so names its cookie
 * `__Secure-…` and marks it Secure. Mirrors next-auth 4's rule (NEXTAUTH_URL, else
 * X-Forwarded-Proto, where anything but "http" counts as https) so a cookie Parley
 * sets itself is the one next-auth reads back. server.ts sets the header from the
 * socket when no trusted proxy is in front.
 */
export function isSecureRequest(headers: Headers, nextAuthUrl: string | undefined = env.NEXTAUTH_URL): boolean {
  if (nextAuthUrl) return nextAuthUrl.startsWith("https://");
  return headers.get("x-forwarded-proto") !== "http";
}

export function sessionCookieName(secure: boolean): string {
  return secure ? SESSION_COOKIE_NAMES[0] : SESSION_COOKIE_NAMES[1];
}
