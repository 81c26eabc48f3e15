import "server-only";
import type { TrustProxy } from "@/lib/server/client-ip";

/** What Parley accepts as its own origin. */
export interface OriginPolicy {
  /** PUBLIC_URL's origin; without it, the origin is derived from each request's Host. */
  publicOrigin?: string;
  /** ALLOWED_ORIGINS: further origins (another hostname for the same server). */
  allowedOrigins: readonly string[];
  /** Behind a trusted proxy, X-Forwarded-Host/-Proto name the origin the browser used. */
  trustProxy: TrustProxy;
}

type Headers = Record<string, string | string[] | undefined>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)?.split(",")[0]?.trim();

export const FOREIGN_ORIGIN_MESSAGE = "This page's origin is not allowed";

/** The origin a browser used to reach this request: PUBLIC_URL, or the Host (forwarded by a trusted proxy). */
export function ownOrigin(headers: Headers, encrypted: boolean, policy: OriginPolicy): string | null {
  if (policy.publicOrigin) return policy.publicOrigin;
  const host = (policy.trustProxy && first(headers["x-forwarded-host"])) || first(headers.host);
  if (!host) return null;
  const proto = (policy.trustProxy && first(headers["x-forwarded-proto"])) || (encrypted ? "https" : "http");
  try {
    return new URL(`${proto}://${host}`).origin;
  } catch {
    return null;
  }
}

export function isAllowedOrigin(origin: string, headers: Headers, encrypted: boolean, policy: OriginPolicy): boolean {
  if (origin === "null") return false;
  let normalized: string;
  try {
    normalized = new URL(origin).origin;
  } catch {
    return false;
  }
  return normalized === ownOrigin(headers, encrypted, policy) || policy.allowedOrigins.includes(normalized);
}

/**
 * Whether a request may act with the cookies it carries. Browsers send `Origin` on
 * every cross-origin request and on every POST/PUT/PATCH/DELETE; when it is missing
 * (old browsers on same-origin GET-like paths), `Sec-Fetch-Site` still tells a
 * cross-site request apart. A request with neither comes from no browser page at all
 * (the terminal client, curl): it can only use cookies it was given, so it may pass.
 */
export function isSameOriginRequest(headers: Headers, encrypted: boolean, policy: OriginPolicy): boolean {
  const origin = first(headers.origin);
  if (origin) return isAllowedOrigin(origin, headers, encrypted, policy);
  const site = first(headers["sec-fetch-site"]);
  return site === undefined || site === "same-origin" || site === "none";
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Methods that change state must come from Parley's own pages (or from no page at all). */
export function mayChangeState(method: string | undefined, headers: Headers, encrypted: boolean, policy: OriginPolicy): boolean {
  if (SAFE_METHODS.has((method ?? "GET").toUpperCase())) return true;
  return isSameOriginRequest(headers, encrypted, policy);
}
