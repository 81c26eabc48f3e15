import { describe, expect, it } from "vitest";
import { isBlockedAddress } from "@/lib/server/services/link-preview/address-policy";

describe("isBlockedAddress", () => {
  it.each([
    "127.0.0.1",
    "127.255.255.254",
    "0.0.0.0",
    "0.1.2.3",
    "10.0.0.1",
    "172.16.0.1",
    "172.31.255.255",
    "192.168.1.1",
    "169.254.169.254",
    "100.64.0.1",
    "100.127.255.255",
    "224.0.0.1",
    "239.255.255.255",
    "240.0.0.1",
    "255.255.255.255",
    "198.18.0.1",
    "198.19.255.255",
    "192.0.2.1",
    "198.51.100.7",
    "203.0.113.9",
    "192.0.0.8",
  ])("blocks IPv4 %s", (ip) => expect(isBlockedAddress(ip)).toBe(true));

  it.each(["8.8.8.8", "1.1.1.1", "172.32.0.1", "100.128.0.1", "198.20.0.1", "93.184.216.34"])("allows public IPv4 %s", (ip) =>
    expect(isBlockedAddress(ip)).toBe(false),
  );

  it.each([
    "::1",
    "::",
    "0:0:0:0:0:0:0:1",
    "fc00::1",
    "fd12:3456::1",
    "fe80::1",
    "fe80::1%eth0",
    "ff02::1",
    "2001:db8::1",
    "2001::1",
    "2001:0:4136:e378::1",
    "100::1",
  ])("blocks IPv6 %s", (ip) => expect(isBlockedAddress(ip)).toBe(true));

  it.each(["2606:4700:4700::1111", "2a00:1450:4001:80b::200e", "2001:4860:4860::8888"])("allows public IPv6 %s", (ip) =>
    expect(isBlockedAddress(ip)).toBe(false),
  );

  it.each([
    ["::ffff:127.0.0.1", true],
    ["::ffff:7f00:1", true],
    ["0:0:0:0:0:ffff:a9fe:a9fe", true],
    ["::FFFF:10.0.0.1", true],
    ["::ffff:8.8.8.8", false],
    ["::127.0.0.1", true],
    ["::ffff:0:127.0.0.1", true],
    ["64:ff9b::7f00:1", true],
    ["64:ff9b::10.0.0.1", true],
    ["64:ff9b::808:808", false],
    ["2002:7f00:1::1", true],
    ["2002:c0a8:101::", true],
    ["2002:808:808::1", false],
  ] as const)("judges %s by its embedded IPv4 (blocked: %s)", (ip, blocked) => expect(isBlockedAddress(ip)).toBe(blocked));

  it.each(["", "localhost", "1.2.3", "256.0.0.1", "::ffff:999.0.0.1", "example.com"])("blocks what is not an address: %j", (ip) =>
    expect(isBlockedAddress(ip)).toBe(true),
  );
});
