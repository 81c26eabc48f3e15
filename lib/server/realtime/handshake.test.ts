import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestServer } from "@/tests/socket-harness";
import { call, collect, sleep, startTestServer } from "@/tests/socket-harness";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({
    trustProxy: { hops: 1 },
    realtime: {
      origins: { allowedOrigins: ["https://chat.example.org"], trustProxy: { hops: 1 } },
      caps: { perUser: 3, perAddress: 5 },
    },
  });
});
afterAll(async () => {
  await server.close();
});

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: Error & { data?: { code: string; message: string } }) => ({ message: error.message, code: error.data?.code }),
  );

describe("handshake origin check", () => {
  it("refuses a signed-in person's cookie sent from another origin (another port of the same host)", async () => {
    const user = await server.createUser();
    const port = new URL(server.url).port;
    const other = `http://127.0.0.1:${Number(port) + 1}`;
    const refused = await refusal(server.connectAs(user, { origin: other }));
    expect(refused).toEqual({ code: "FORBIDDEN_ORIGIN", message: "This page's origin is not allowed. Open Parley at its own address." });
    expect(await refusal(server.connectAs(user, { origin: "null" }))).toMatchObject({ code: "FORBIDDEN_ORIGIN" });
  });

  it("accepts Parley's own origin, an ALLOWED_ORIGINS entry, and clients that send no Origin (the terminal client)", async () => {
    const user = await server.createUser();
    const own = await server.connectAs(user, { origin: server.url });
    const extra = await server.connectAs(user, { origin: "https://chat.example.org" });
    const none = await server.connectAs(user);
    for (const client of [own, extra, none]) expect(client.connected).toBe(true);
    const ack = await call(none, "room:join", { roomId: server.roomId });
    expect(ack.ok).toBe(true);
    for (const client of [own, extra, none]) client.disconnect();
  });
});

describe("connection caps", () => {
  it("refuses the next socket past the per-user cap with a sentence, and frees a seat on disconnect", async () => {
    const user = await server.createUser();
    const tabs = await Promise.all([1, 2, 3].map((i) => server.connectAs(user, { "x-forwarded-for": `10.1.0.${i}` })));
    const refused = await refusal(server.connectAs(user, { "x-forwarded-for": "10.1.0.9" }));
    expect(refused).toEqual({
      code: "TOO_MANY_CONNECTIONS",
      message: "You already have 3 Parley tabs or devices connected, the most allowed. Close one, then reload this page.",
    });
    tabs[0]!.disconnect();
    await sleep(100);
    const again = await server.connectAs(user, { "x-forwarded-for": "10.1.0.9" });
    expect(again.connected).toBe(true);
    for (const tab of [...tabs, again]) tab.disconnect();
  });

  it("holds under a burst of parallel handshakes", async () => {
    const user = await server.createUser();
    const results = await Promise.allSettled(Array.from({ length: 12 }, (_, i) => server.connectAs(user, { "x-forwarded-for": `10.2.0.${i}` })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(3);
    for (const r of results) if (r.status === "fulfilled") r.value.disconnect();
  });

  it("caps sockets per network address across accounts", async () => {
    const people = await Promise.all([1, 2, 3].map(() => server.createUser()));
    const address = { "x-forwarded-for": "203.0.113.7" };
    const open = [];
    for (const person of people) for (let i = 0; i < 2 && open.length < 5; i++) open.push(await server.connectAs(person, address));
    expect(open).toHaveLength(5);
    const refused = await refusal(server.connectAs(people[2]!, address));
    expect(refused).toEqual({
      code: "TOO_MANY_CONNECTIONS",
      message: "Too many Parley connections from your network (5). Close some tabs or try again later.",
    });
    const elsewhere = await server.connectAs(people[2]!, { "x-forwarded-for": "203.0.113.8" });
    expect(elsewhere.connected).toBe(true);
    for (const client of [...open, elsewhere]) client.disconnect();
  });
});

describe("typing relay", () => {
  async function pair() {
    const typist = await server.createUser();
    const watcher = await server.createUser();
    const a = await server.connectAs(typist);
    const b = await server.connectAs(watcher);
    for (const c of [a, b]) expect((await call(c, "room:join", { roomId: server.roomId })).ok).toBe(true);
    return { typist, a, b };
  }

  it("relays one start and one stop for a burst of 500 start/stop pairs", async () => {
    const { a, b } = await pair();
    const seen = collect<{ typing: boolean }>(b, "typing:update");
    for (let i = 0; i < 500; i++) {
      a.emit("typing:start", { roomId: server.roomId });
      a.emit("typing:stop", { roomId: server.roomId });
    }
    await call(a, "presence:list", {});
    await sleep(150);
    expect(seen.seen.map((u) => u.typing)).toEqual([true, false]);
    a.disconnect();
    b.disconnect();
  });

  it("throttles per person, not per socket, and relays no stop without a start", async () => {
    const { typist, a, b } = await pair();
    const tabs = [a, await server.connectAs(typist), await server.connectAs(typist)];
    for (const tab of tabs.slice(1)) await call(tab, "room:join", { roomId: server.roomId });
    const seen = collect<{ typing: boolean }>(b, "typing:update");
    tabs[0]!.emit("typing:stop", { roomId: server.roomId });
    for (const tab of tabs) tab.emit("typing:start", { roomId: server.roomId });
    await Promise.all(tabs.map((tab) => call(tab, "presence:list", {})));
    await sleep(150);
    expect(seen.seen.map((u) => u.typing)).toEqual([true]);
    for (const tab of [...tabs, b]) tab.disconnect();
  });
});
