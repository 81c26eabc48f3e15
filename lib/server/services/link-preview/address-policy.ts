import "server-only";
import { BlockList, isIPv4, isIPv6 } from "node:net";

/**
 * Which resolved addresses a link preview may connect to. Only public unicast
 * space passes; IPv6 forms that carry an IPv4 address inside them (mapped,
 * compatible, NAT64, 6to4) are judged by the IPv4 address they carry, so
 * `::ffff:127.0.0.1` is as blocked as `127.0.0.1`.
 */
const blockedV4 = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8], // "this network", unspecified
  ["10.0.0.0", 8],
  ["100.64.0.0", 10], // CGNAT
  ["127.0.0.0", 8],
  ["169.254.0.0", 16], // link-local, cloud metadata
  ["172.16.0.0", 12],
  ["192.0.0.0", 24], // IETF protocol assignments
  ["192.0.2.0", 24], // TEST-NET-1
  ["192.88.99.0", 24], // deprecated 6to4 relay anycast
  ["192.168.0.0", 16],
  ["198.18.0.0", 15], // benchmarking
  ["198.51.100.0", 24], // TEST-NET-2
  ["203.0.113.0", 24], // TEST-NET-3
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, includes 255.255.255.255
] as const) {
  blockedV4.addSubnet(net, prefix, "ipv4");
}

/** Inside 2000::/3 (the only globally routed unicast space), these are still not for us. */
const blockedV6 = new BlockList();
for (const [net, prefix] of [
  ["2001::", 23], // IETF protocol assignments: Teredo 2001::/32, benchmarking, ORCHID
  ["2001:db8::", 32], // documentation
  ["3fff::", 20], // documentation (RFC 9637)
] as const) {
  blockedV6.addSubnet(net, prefix, "ipv6");
}
const globalUnicast = new BlockList();
globalUnicast.addSubnet("2000::", 3, "ipv6");

/** Eight 16-bit groups of an IPv6 address, or null when it is not one. */
export function ipv6Groups(ip: string): number[] | null {
  const address = ip.split("%")[0] ?? "";
  if (!isIPv6(address)) return null;
  let text = address.toLowerCase();
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted?.[1]) {
    const [a = 0, b = 0, c = 0, d = 0] = dotted[1].split(".").map(Number);
    text = `${text.slice(0, -dotted[1].length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = "", tail] = text.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const fill = tail === undefined ? [] : new Array<string>(8 - left.length - right.length).fill("0");
  const groups = [...left, ...fill, ...right].map((g) => Number.parseInt(g, 16));
  return groups.length === 8 && groups.every((g) => g >= 0 && g <= 0xffff) ? groups : null;
}

function v4FromGroups(high: number, low: number): string {
  return [high >> 8, high & 0xff, low >> 8, low & 0xff].join(".");
}

/** The IPv4 address an IPv6 address stands for, when it is one of the embedding forms. */
function embeddedV4(g: number[]): string | null {
  const [g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0, g6 = 0, g7 = 0] = g;
  const zeroTo4 = g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0;
  if (zeroTo4 && g4 === 0 && (g5 === 0xffff || g5 === 0)) return v4FromGroups(g6, g7); // mapped ::ffff:0:0/96, compatible ::/96
  if (zeroTo4 && g4 === 0xffff && g5 === 0) return v4FromGroups(g6, g7); // translated ::ffff:0:0:0/96
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0) return v4FromGroups(g6, g7); // NAT64
  if (g0 === 0x2002) return v4FromGroups(g1, g2); // 6to4
  return null;
}

/** True when a preview fetch must not connect to `ip`; anything that is not an address is blocked. */
export function isBlockedAddress(ip: string): boolean {
  if (isIPv4(ip)) return blockedV4.check(ip, "ipv4");
  const groups = ipv6Groups(ip);
  if (!groups) return true;
  const v4 = embeddedV4(groups);
  if (v4 !== null) return blockedV4.check(v4, "ipv4");
  const canonical = groups.map((g) => g.toString(16)).join(":");
  return !globalUnicast.check(canonical, "ipv6") || blockedV6.check(canonical, "ipv6");
}
