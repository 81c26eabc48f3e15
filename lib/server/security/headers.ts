import "server-only";
import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { TrustProxy } from "@/lib/server/client-ip";
import { FILE_POLICY, FILES_PATH, NONCE_HEADER, pagePolicy, STATIC_DOCUMENTS, staticDocumentPolicy } from "@/lib/server/security/csp";

/**
 * Powerful features Parley never uses, denied to it and to anything that ever gets
 * framed into it. Notifications and push are not policy-controlled features, so
 * nothing Parley needs is on this list; names Chromium doesn't know would only
 * add console warnings, so the list sticks to ones it does.
 */
const DENIED_FEATURES = [
  "accelerometer",
  "autoplay",
  "browsing-topics",
  "camera",
  "display-capture",
  "geolocation",
  "gyroscope",
  "hid",
  "idle-detection",
  "magnetometer",
  "microphone",
  "midi",
  "payment",
  "publickey-credentials-get",
  "screen-wake-lock",
  "serial",
  "usb",
  "xr-spatial-tracking",
];
export const PERMISSIONS_POLICY = DENIED_FEATURES.map((feature) => `${feature}=()`).join(", ");

/**
 * Browsers that once saw Parley over https refuse plain http to it for a year. Not
 * includeSubDomains: Parley may run at a domain whose other hosts are not Parley's
 * to decide about.
 */
export const HSTS = "max-age=31536000";

/**
 * Whether the browser reached us over https: a TLS socket of our own, or, behind a
 * proxy we trust, the scheme it reports (the first entry: the hop the browser used).
 */
export function cameOverHttps(req: IncomingMessage, trustProxy: TrustProxy): boolean {
  if ("encrypted" in req.socket && req.socket.encrypted) return true;
  if (!trustProxy) return false;
  const proto = req.headers["x-forwarded-proto"];
  const first = (Array.isArray(proto) ? proto[0] : proto)?.split(",")[0]?.trim().toLowerCase();
  return first === "https";
}

/** What every response carries besides its policy; HSTS only when the browser came over https. */
export function commonSecurityHeaders(req: IncomingMessage, trustProxy: TrustProxy): Record<string, string> {
  return {
    "X-Content-Type-Options": "nosniff",
    // Older browsers that ignore frame-ancestors.
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": PERMISSIONS_POLICY,
    "Cross-Origin-Opener-Policy": "same-origin",
    ...(cameOverHttps(req, trustProxy) ? { "Strict-Transport-Security": HSTS } : {}),
  };
}

/**
 * Sets Parley's security headers on a response before Next (or anything else) writes
 * it, so pages, route handlers, static files and 404s all carry them. Also hands
 * Next this request's nonce: Next reads it from the request's Content-Security-Policy
 * header and puts it on its own scripts; the root layout reads {@link NONCE_HEADER}.
 * Both request headers are overwritten, so a client cannot choose its own nonce.
 */
export function applySecurityHeaders(req: IncomingMessage, res: ServerResponse, options: { trustProxy: TrustProxy; dev: boolean }): void {
  const nonce = randomBytes(18).toString("base64");
  const host = req.headers.host;
  const pathname = (req.url ?? "/").split("?")[0] ?? "/";
  const policy = pathname.startsWith(FILES_PATH)
    ? FILE_POLICY
    : STATIC_DOCUMENTS.has(pathname)
      ? staticDocumentPolicy(host)
      : pagePolicy({ nonce, dev: options.dev, host });
  req.headers["content-security-policy"] = policy;
  delete req.headers["content-security-policy-report-only"];
  req.headers[NONCE_HEADER] = nonce;

  res.setHeader("Content-Security-Policy", policy);
  for (const [name, value] of Object.entries(commonSecurityHeaders(req, options.trustProxy))) res.setHeader(name, value);
}

/** For Socket.IO's long-polling answers: data, never a document. */
export const TRANSPORT_POLICY = "default-src 'none'; frame-ancestors 'none'";
