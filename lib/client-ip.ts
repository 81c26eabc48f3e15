/** Header server.ts sets on every request it hands to Next (overwriting any sent by a client). */
export const CLIENT_IP_HEADER = "x-parley-client-ip";

/**
 * The address a request came from: the socket's peer, or the first X-Forwarded-For
 * hop only when TRUST_PROXY says a proxy we run sits in front.
 */
export function clientIp(headers: Record<string, string | string[] | undefined>, remoteAddress: string | undefined, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = headers["x-forwarded-for"];
    const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(",")[0]?.trim();
    if (first) return first;
  }
  return (remoteAddress ?? "unknown").replace(/^::ffff:/, "");
}
