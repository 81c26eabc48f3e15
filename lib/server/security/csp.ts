import "server-only";
/**
 * Parley's Content-Security-Policy, as plain data: no Node imports, so the root
 * layout can read {@link NONCE_HEADER} without pulling crypto into the bundle.
 */

/** Request header server.ts sets (overwriting any a client sent) to the page's script nonce. */
export const NONCE_HEADER = "x-parley-nonce";

export interface PolicyOptions {
  /** Fresh per request; Next copies it onto its own scripts (it reads `'nonce-…'` from the request's policy). */
  nonce: string;
  /** `tsx server.ts --dev`: React rebuilds server error stacks with eval, and HMR needs it. */
  dev: boolean;
  /** The Host the browser used, for the ws:/wss: sources of Socket.IO; omitted if it looks odd. */
  host: string | undefined;
}

// A Host header is written by the client; only a plain host[:port] may reach a header we send back.
const PLAIN_HOST = /^(?:[a-z0-9.-]+|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

function join(directives: Record<string, string[]>): string {
  return Object.entries(directives)
    .map(([name, sources]) => [name, ...sources].join(" "))
    .join("; ");
}

function common(host: string | undefined): Record<string, string[]> {
  // 'self' covers same-host ws:/wss: in CSP3 browsers; older Safari needs them spelt out.
  const sockets = host && PLAIN_HOST.test(host) ? [`ws://${host}`, `wss://${host}`] : [];
  return {
    "default-src": ["'self'"],
    // React and Radix write style attributes into server HTML; a nonce cannot cover those.
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'", ...sockets],
    // Without this, workers fall back to script-src, where 'strict-dynamic' ignores 'self' and /sw.js is refused.
    "worker-src": ["'self'"],
    "manifest-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
  };
}

/** The policy for everything Next serves: only scripts carrying this request's nonce, and what they load. */
export function pagePolicy({ nonce, dev, host }: PolicyOptions): string {
  const script = [`'nonce-${nonce}'`, "'strict-dynamic'", ...(dev ? ["'unsafe-eval'"] : [])];
  return join({ ...common(host), "script-src": script });
}

/**
 * The policy for public/offline.html: a static file cannot carry a per-request
 * nonce, so it loads its one script from /offline.js and allows same-origin files.
 */
export function staticDocumentPolicy(host: string | undefined): string {
  return join({ ...common(host), "script-src": ["'self'"] });
}

/**
 * Sent files (GET /api/files/…): whatever they are, opened from Parley's origin they run
 * nothing, load nothing and are never framed. Chosen by path before Next runs, because
 * the page policy set there is what the response keeps.
 */
export const FILE_POLICY = "sandbox; default-src 'none'; frame-ancestors 'none'";
export const FILES_PATH = "/api/files/";

/** Static HTML documents in public/ that get {@link staticDocumentPolicy}. */
export const STATIC_DOCUMENTS = new Set(["/offline.html"]);
