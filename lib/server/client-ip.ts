import "server-only";
import net from "node:net";

/** Header server.ts sets on every request it hands to Next (overwriting any sent by a client). */
export const CLIENT_IP_HEADER = "x-parley-client-ip";

/**
 * Which forwarded addresses to believe. `false`: no proxy in front, so X-Forwarded-For
 * is whatever a client wrote. `hops`: that many proxies of ours sit in a chain in
 * front; each appends the address it saw, so the client is `hops` entries from the
 * right. `proxies`: the addresses (or subnets) of our proxies; the client is the
 * right-most address that is not one of them.
 */
export type TrustProxy = false | { hops: number } | { proxies: string[] };

/** Parses TRUST_PROXY: `false`/`0`, `true`/`1`, a number of hops, or a comma-separated list of proxy addresses/CIDRs. */
export function parseTrustProxy(value: string | undefined): TrustProxy {
  const text = (value ?? "").trim().toLowerCase();
  if (text === "" || text === "false" || text === "0" || text === "no" || text === "off") return false;
  if (text === "true" || text === "yes" || text === "on") return { hops: 1 };
  if (/^\d+$/.test(text)) return { hops: Number(text) };
  const proxies = text
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean);
  for (const proxy of proxies) {
    const [address = "", bits] = proxy.split("/");
    if (net.isIP(address) === 0 || (bits !== undefined && !/^\d{1,3}$/.test(bits))) {
      throw new Error(`TRUST_PROXY: "${proxy}" is not an IP address or subnet (use true, a number of proxies, or addresses like 10.0.0.5,192.168.1.0/24)`);
    }
  }
  return { proxies };
}

const normalize = (address: string) =>
  address
    .trim()
    .replace(/^::ffff:/, "")
    .replace(/^\[(.*)\]$/, "$1");

function blockListOf(proxies: string[]): net.BlockList {
  const list = new net.BlockList();
  for (const proxy of proxies) {
    const [address = "", bits] = proxy.split("/");
    const type = net.isIP(address) === 6 ? "ipv6" : "ipv4";
    if (bits === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(bits), type);
  }
  return list;
}

const blockLists = new WeakMap<string[], net.BlockList>();
function isTrustedProxy(address: string, proxies: string[]): boolean {
  let list = blockLists.get(proxies);
  if (!list) {
    list = blockListOf(proxies);
    blockLists.set(proxies, list);
  }
  const type = net.isIP(address);
  return type !== 0 && list.check(address, type === 6 ? "ipv6" : "ipv4");
}

/**
 * The address a request came from. Without a trusted proxy it is the socket's peer.
 * Behind one, it is the entry *our* proxy appended to X-Forwarded-For (nginx's
 * `$proxy_add_x_forwarded_for` keeps whatever the client sent on the left), never
 * the left-most entry, which the client writes itself.
 */
export function clientIp(headers: Record<string, string | string[] | undefined>, remoteAddress: string | undefined, trust: TrustProxy): string {
  const peer = normalize(remoteAddress ?? "unknown");
  if (!trust) return peer;
  const raw = headers["x-forwarded-for"];
  const forwarded = (Array.isArray(raw) ? raw.join(",") : (raw ?? "")).split(",").map(normalize).filter(Boolean);
  if ("hops" in trust) {
    if (forwarded.length === 0 || trust.hops === 0) return peer;
    return forwarded[Math.max(0, forwarded.length - trust.hops)] ?? peer;
  }
  // A request that did not come through one of our proxies forwarded nothing we can believe.
  if (!isTrustedProxy(peer, trust.proxies)) return peer;
  const chain = [...forwarded, peer];
  for (let i = chain.length - 1; i >= 0; i--) {
    const address = chain[i]!;
    if (!isTrustedProxy(address, trust.proxies)) return address;
  }
  return chain[0] ?? peer;
}
