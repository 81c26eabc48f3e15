import "server-only";
import type { LookupAddress } from "node:dns";
import { promises as dns } from "node:dns";
import http from "node:http";
import type { IncomingMessage } from "node:http";
import https from "node:https";
import { isIP } from "node:net";
import zlib from "node:zlib";
import { isBlockedAddress } from "@/lib/server/services/link-preview/address-policy";
import { PreviewFetchError } from "@/lib/server/services/link-preview/errors";

export { PreviewFetchError, type PreviewFetchReason } from "@/lib/server/services/link-preview/errors";

export type Resolve = (hostname: string) => Promise<LookupAddress[]>;

export interface SafeFetchOptions {
  /** `page` wants text/html (1 MB); `image` wants image/* (5 MB). */
  kind?: "page" | "image";
  /** `host` or `host:port` entries that skip the address and port rules. */
  allowHosts?: readonly string[];
  allowedPorts?: readonly number[];
  maxRedirects?: number;
  /** Across every hop, DNS included. */
  timeoutMs?: number;
  maxBytes?: number;
  /** Replaces DNS (tests); every address it returns is checked like real answers. */
  lookup?: Resolve;
  signal?: AbortSignal;
}

export interface SafeFetchResult {
  /** The final URL after redirects. */
  url: string;
  status: number;
  contentType: string;
  body: Buffer;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const LIMITS = { page: 1024 * 1024, image: 5 * 1024 * 1024 } as const;

const systemResolve: Resolve = (hostname) => dns.lookup(hostname, { all: true, verbatim: true });

/**
 * GET a URL for a link preview without letting it reach the server's own network:
 * each hop's name is resolved once, every answer is checked, and the connection is
 * pinned to the checked address so a second (rebinding) answer is never used.
 */
export async function safeFetch(url: string, opts: SafeFetchOptions = {}): Promise<SafeFetchResult> {
  const timeout = AbortSignal.timeout(opts.timeoutMs ?? 5000);
  const signal = opts.signal ? AbortSignal.any([timeout, opts.signal]) : timeout;
  const kind = opts.kind ?? "page";
  const maxRedirects = opts.maxRedirects ?? 3;
  try {
    let current = url;
    for (let hop = 0; ; hop++) {
      const target = await checkTarget(current, opts, signal);
      const response = await request(target, kind, signal);
      const location = response.headers.location;
      if (REDIRECTS.has(response.statusCode ?? 0) && location) {
        response.destroy();
        if (hop >= maxRedirects) throw new PreviewFetchError("too-many-redirects", `more than ${maxRedirects} redirects`);
        current = resolveLocation(location, target.url);
        continue;
      }
      return await readResponse(response, target.url, kind, opts.maxBytes ?? LIMITS[kind], signal);
    }
  } catch (error) {
    if (error instanceof PreviewFetchError) throw error;
    if (timeout.aborted) throw new PreviewFetchError("timeout", "the preview took too long");
    throw new PreviewFetchError("network", (error as Error).message ?? "network error");
  }
}

interface Target {
  url: URL;
  hostname: string;
  port: number;
  address: LookupAddress;
}

async function checkTarget(raw: string, opts: SafeFetchOptions, signal: AbortSignal): Promise<Target> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new PreviewFetchError("bad-url", "not a URL");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new PreviewFetchError("bad-scheme", `${url.protocol} is not http(s)`);
  if (url.username || url.password) throw new PreviewFetchError("bad-url", "URLs with credentials are not fetched");
  const port = url.port ? Number(url.port) : url.protocol === "https:" ? 443 : 80;
  const host = url.hostname.toLowerCase();
  const allowList = opts.allowHosts ?? [];
  const allowed = allowList.includes(host) || allowList.includes(`${host}:${port}`);
  if (!allowed && !(opts.allowedPorts ?? [80, 443]).includes(port)) throw new PreviewFetchError("bad-port", `port ${port} is not allowed`);
  const hostname = host.startsWith("[") ? host.slice(1, -1) : host;
  const addresses = await resolveHost(hostname, opts.lookup ?? systemResolve, signal);
  if (!allowed && addresses.some((a) => isBlockedAddress(a.address))) {
    throw new PreviewFetchError("blocked-address", `${hostname} resolves to an address previews may not reach`);
  }
  return { url, hostname, port, address: addresses[0] as LookupAddress };
}

async function resolveHost(hostname: string, resolve: Resolve, signal: AbortSignal): Promise<LookupAddress[]> {
  const family = isIP(hostname);
  if (family) return [{ address: hostname, family }];
  const aborted = new Promise<never>((_, reject) => {
    if (signal.aborted) reject(signal.reason);
    signal.addEventListener("abort", () => reject(signal.reason), { once: true });
  });
  let addresses: LookupAddress[];
  try {
    addresses = await Promise.race([resolve(hostname), aborted]);
  } catch (error) {
    if (signal.aborted) throw error;
    throw new PreviewFetchError("dns-failed", `${hostname} could not be resolved`);
  }
  if (addresses.length === 0) throw new PreviewFetchError("dns-failed", `${hostname} has no addresses`);
  return addresses;
}

function resolveLocation(location: string, base: URL): string {
  try {
    return new URL(location, base).href;
  } catch {
    throw new PreviewFetchError("bad-url", "redirect to something that is not a URL");
  }
}

function request(target: Target, kind: "page" | "image", signal: AbortSignal): Promise<IncomingMessage> {
  const { url, hostname, port, address } = target;
  const pinned = (_host: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    if (options?.all) callback(null, [address]);
    else callback(null, address.address, address.family);
  };
  const client = url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request({
      host: hostname,
      port,
      path: `${url.pathname}${url.search}`,
      method: "GET",
      agent: false,
      signal,
      lookup: pinned as never,
      ...(url.protocol === "https:" && !isIP(hostname) ? { servername: hostname } : {}),
      headers: {
        host: url.host,
        accept: kind === "page" ? "text/html,application/xhtml+xml;q=0.9" : "image/*",
        "accept-encoding": "gzip, deflate, br",
        "user-agent": "ParleyLinkPreview/1.0",
      },
    });
    req.on("response", resolve);
    req.on("error", reject);
    req.end();
  });
}

async function readResponse(response: IncomingMessage, url: URL, kind: "page" | "image", maxBytes: number, signal: AbortSignal): Promise<SafeFetchResult> {
  const status = response.statusCode ?? 0;
  const contentType = (response.headers["content-type"] ?? "").toLowerCase();
  const fail = (error: PreviewFetchError) => {
    response.destroy();
    return error;
  };
  if (status < 200 || status > 299) throw fail(new PreviewFetchError("http-status", `HTTP ${status}`));
  const mime = contentType.split(";")[0]?.trim() ?? "";
  if (kind === "page" && mime !== "text/html") throw fail(new PreviewFetchError("not-html", `${mime || "no type"} is not HTML`));
  // SVG can carry script, so it is not a preview image.
  if (kind === "image" && (!mime.startsWith("image/") || mime === "image/svg+xml")) {
    throw fail(new PreviewFetchError("not-image", `${mime || "no type"} is not an image`));
  }
  if (Number(response.headers["content-length"] ?? 0) > maxBytes) throw fail(new PreviewFetchError("too-large", "response too large"));
  const body = await readCapped(decoded(response), maxBytes, signal);
  return { url: url.href, status, contentType, body };
}

function decoded(response: IncomingMessage): NodeJS.ReadableStream & { destroy(): void } {
  const encoding = (response.headers["content-encoding"] ?? "identity").toLowerCase();
  const decoder =
    encoding === "gzip" || encoding === "x-gzip"
      ? zlib.createGunzip()
      : encoding === "deflate"
        ? zlib.createInflate()
        : encoding === "br"
          ? zlib.createBrotliDecompress()
          : null;
  if (!decoder) return response;
  response.on("error", (error) => decoder.destroy(error));
  decoder.on("close", () => response.destroy());
  return response.pipe(decoder);
}

/** Counts decoded bytes, so a small compressed body cannot unpack past the cap. */
function readCapped(stream: NodeJS.ReadableStream & { destroy(): void }, maxBytes: number, signal: AbortSignal): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onAbort = () => {
      stream.destroy();
      reject(new PreviewFetchError("timeout", "the preview took too long"));
    };
    if (signal.aborted) return onAbort();
    signal.addEventListener("abort", onAbort, { once: true });
    stream.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        signal.removeEventListener("abort", onAbort);
        stream.destroy();
        reject(new PreviewFetchError("too-large", "response too large"));
        return;
      }
      chunks.push(chunk);
    });
    stream.on("end", () => {
      signal.removeEventListener("abort", onAbort);
      resolve(Buffer.concat(chunks));
    });
    stream.on("error", (error) => {
      signal.removeEventListener("abort", onAbort);
      reject(signal.aborted ? new PreviewFetchError("timeout", "the preview took too long") : error);
    });
  });
}
