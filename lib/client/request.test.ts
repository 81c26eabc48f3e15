import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NO_ANSWER, request } from "@/lib/client/request";
import type { TestServer } from "@/tests/socket-harness";
import { startTestServer } from "@/tests/socket-harness";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

const unavailable = { ok: false, error: { code: "UNAVAILABLE", message: NO_ANSWER } };

describe("request", () => {
  it("answers with the server's ack, typed by the event", async () => {
    const { client } = await server.person({ joinGeneral: true });
    const answer = await request(client, "room:mine", {});
    if (!answer.ok) throw new Error(answer.error.message);
    expect(answer.data.rooms.map((room) => room.id)).toContain(server.roomId);
  });

  it("passes on the server's refusal of a payload its schema rejects", async () => {
    const { client } = await server.person();
    expect(await request(client, "users:last", { minutes: 0 })).toMatchObject({
      ok: false,
      error: { code: "VALIDATION", message: "Give a number of minutes from 1 to 60" },
    });
  });

  it("reads a connection lost before the answer as UNAVAILABLE at once, not after the timeout", async () => {
    const { client } = await server.person({ joinGeneral: true });
    const started = Date.now();
    const pending = request(client, "message:history", { roomId: server.roomId });
    client.disconnect();
    expect(await pending).toEqual(unavailable);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it("reads no answer within the timeout as UNAVAILABLE", async () => {
    const { client } = await server.person();
    // Held back: the packet waits in the client's buffer, so the server never answers.
    client.disconnect();
    const started = Date.now();
    expect(await request(client, "room:mine", {}, 300)).toEqual(unavailable);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it("without a socket answers UNAVAILABLE", async () => {
    expect(await request(null, "presence:list", {})).toEqual(unavailable);
  });
});
