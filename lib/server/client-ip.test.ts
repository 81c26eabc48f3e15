import { describe, expect, it } from "vitest";
import { clientIp, parseTrustProxy } from "@/lib/server/client-ip";

/** What nginx sends with `proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;`: the client's own header, then the address nginx saw. */
const throughNginx = (clientWrote: string | undefined, peerSeenByNginx: string) => ({
  "x-forwarded-for": clientWrote ? `${clientWrote}, ${peerSeenByNginx}` : peerSeenByNginx,
});

describe("clientIp", () => {
  it("without a trusted proxy, ignores X-Forwarded-For entirely", () => {
    expect(clientIp({ "x-forwarded-for": "1.2.3.4" }, "::ffff:198.51.100.9", false)).toBe("198.51.100.9");
  });

  it("behind one nginx, takes the address nginx appended, not the one the client wrote", () => {
    const trust = parseTrustProxy("true");
    expect(clientIp(throughNginx("6.6.6.6", "198.51.100.20"), "127.0.0.1", trust)).toBe("198.51.100.20");
    expect(clientIp(throughNginx("6.6.6.6, 7.7.7.7", "198.51.100.20"), "127.0.0.1", trust)).toBe("198.51.100.20");
    expect(clientIp(throughNginx(undefined, "198.51.100.20"), "127.0.0.1", trust)).toBe("198.51.100.20");
    // Seven "different" sign-ups from one machine that rewrites its header each time are one address.
    const seen = new Set(Array.from({ length: 7 }, (_, i) => clientIp(throughNginx(`10.0.0.${i}`, "198.51.100.20"), "127.0.0.1", trust)));
    expect([...seen]).toEqual(["198.51.100.20"]);
  });

  it("with two proxies in a chain, counts hops from the right", () => {
    const trust = parseTrustProxy("2");
    // client → CDN (appends client) → nginx (appends CDN) → Parley
    expect(clientIp({ "x-forwarded-for": "6.6.6.6, 198.51.100.20, 192.0.2.1" }, "127.0.0.1", trust)).toBe("198.51.100.20");
  });

  it("with a list of proxy addresses, skips them from the right and trusts nothing from elsewhere", () => {
    const trust = parseTrustProxy("127.0.0.1, 10.0.0.0/8");
    expect(clientIp({ "x-forwarded-for": "6.6.6.6, 198.51.100.20, 10.1.2.3" }, "127.0.0.1", trust)).toBe("198.51.100.20");
    expect(clientIp({ "x-forwarded-for": "6.6.6.6" }, "203.0.113.5", trust)).toBe("203.0.113.5");
    expect(clientIp({ "x-forwarded-for": ["6.6.6.6, 198.51.100.20", "10.9.9.9"] }, "127.0.0.1", trust)).toBe("198.51.100.20");
  });

  it("parses TRUST_PROXY and refuses nonsense with a sentence", () => {
    expect(parseTrustProxy(undefined)).toBe(false);
    expect(parseTrustProxy("false")).toBe(false);
    expect(parseTrustProxy("1")).toEqual({ hops: 1 });
    expect(parseTrustProxy("::1,192.168.0.0/16")).toEqual({ proxies: ["::1", "192.168.0.0/16"] });
    expect(() => parseTrustProxy("nginx")).toThrow(/TRUST_PROXY: "nginx" is not an IP address/);
  });
});
