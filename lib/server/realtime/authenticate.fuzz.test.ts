import fc from "fast-check";
import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/shared/types";
import { anyPayload } from "@/tests/socket-fuzz";
import type { TestServer } from "@/tests/socket-harness";
import { SECRET, startTestServer } from "@/tests/socket-harness";

/** Handshakes per run: each is a real WebSocket connection that must be refused. */
const NUM_RUNS = 1000;

let server: TestServer;
let alice: SessionUser;
let bob: SessionUser;
let aliceSid: string;
let bobSid: string;
let endedSid: string;
const serverErrors: unknown[] = [];

beforeAll(async () => {
  server = await startTestServer();
  server.context.logger.error = (message, extra) => serverErrors.push({ message, extra });
  [alice, bob] = [await server.createUser(), await server.createUser()];
  [aliceSid, bobSid, endedSid] = [
    await server.context.sessions.start(alice.id),
    await server.context.sessions.start(bob.id),
    await server.context.sessions.start(alice.id),
  ];
  await server.context.sessions.end(endedSid, "logout");
});
afterAll(async () => {
  await server.close();
});

const token = (claims: Record<string, unknown>, secret = SECRET) => encode({ token: claims, secret });
const weird = fc.oneof(fc.string({ unit: "binary", maxLength: 40 }), fc.integer(), fc.constant(null), fc.constantFrom("__proto__", "", " "), anyPayload);

const headerChar = fc
  .integer({ min: 0x20, max: 0xff })
  .filter((c) => c !== 0x7f)
  .map((c) => String.fromCharCode(c));

/** Cookie headers that must never open a socket: junk, forged, mixed-up or ended sessions. */
function hostileCookie(): fc.Arbitrary<() => Promise<string>> {
  const named = (value: string) => `next-auth.session-token=${value}`;
  const ids = () => ({ alice: alice.id, bob: bob.id, aliceSid, bobSid, endedSid });
  return fc.oneof(
    // Any header a client can send: printable ASCII and Latin-1 (Node refuses other bytes).
    fc.string({ unit: headerChar, maxLength: 200 }).map((raw) => async () => raw),
    fc.string({ maxLength: 200 }).map((value) => async () => named(value)),
    fc.constantFrom("%", "%E0%A4%A", "a=b;;;=", "next-auth.session-token=", "__Secure-next-auth.session-token=%zz").map((raw) => async () => raw),
    // Signed with the right secret, but claims that name no live session of their subject.
    fc.record({ sub: weird, sid: weird }).map((claims) => async () => named(await token(claims))),
    fc.constantFrom("alice-bob", "bob-alice", "ended", "no-sub").map((mix) => async () => {
      const { alice: a, bob: b } = ids();
      const claims = {
        "alice-bob": { sub: a, sid: bobSid },
        "bob-alice": { sub: b, sid: aliceSid },
        ended: { sub: a, sid: endedSid },
        "no-sub": { sid: aliceSid },
      }[mix];
      return named(await token(claims));
    }),
    // Alice's real session, signed with another secret, or cut short.
    fc.constant(async () => named(await token({ sub: alice.id, sid: aliceSid }, "another-secret-another-secret-1234"))),
    fc.nat(200).map((cut) => async () => named((await token({ sub: alice.id, sid: aliceSid })).slice(0, cut))),
  );
}

describe("handshake fuzzing", () => {
  it(`refuses ${NUM_RUNS} forged or broken session cookies with UNAUTHENTICATED`, { timeout: 60_000 }, async () => {
    const codes = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(hostileCookie(), async (makeCookie) => {
        const cookie = await makeCookie();
        const outcome = await server.connectAs({ cookie }).then(
          () => ({ code: "CONNECTED", message: "" }),
          (error: { data?: { code?: string; message?: unknown } }) => ({ code: error.data?.code ?? "none", message: error.data?.message }),
        );
        codes.set(outcome.code, (codes.get(outcome.code) ?? 0) + 1);
        expect(outcome, `cookie: ${JSON.stringify(cookie).slice(0, 300)}`).toEqual({ code: "UNAUTHENTICATED", message: "Please sign in to chat." });
      }),
      { numRuns: NUM_RUNS, endOnFailure: true },
    );
    console.info(`handshake fuzz: ${NUM_RUNS} cookies, ${[...codes].map(([c, n]) => `${n} ${c}`).join(", ")}`);
    expect(serverErrors).toEqual([]);
    // Alice's own cookie still works afterwards.
    const client = await server.connectAs({ cookie: `next-auth.session-token=${await token({ sub: alice.id, sid: aliceSid })}` });
    expect(client.connected).toBe(true);
  });
});
