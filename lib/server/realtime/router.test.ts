import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { activityEvents } from "@/lib/server/realtime/router";
import { routes } from "@/lib/server/realtime/routes";
import type { Ack } from "@/lib/shared/events";
import type { TestServer } from "@/tests/socket-harness";
import { startTestServer } from "@/tests/socket-harness";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

describe("event router", () => {
  it("answers an event sent with an ack but no payload", async () => {
    const { client } = await server.person();
    const ack = await new Promise<Ack<{ rooms: unknown[] }>>((resolve) =>
      (client.emit as unknown as (e: string, cb: (a: Ack<{ rooms: unknown[] }>) => void) => void)("room:mine", resolve),
    );
    expect(ack.ok).toBe(true);
  });

  it("keeps nothing of the handshake request once the socket is authenticated", async () => {
    const { client } = await server.person();
    const socket = server.io.of("/").sockets.get(client.id ?? "");
    expect(socket).toBeDefined();
    // The session cookie lived in these headers; an idle connection should not carry it.
    expect(socket?.conn.request).toBeNull();
    expect(socket?.handshake.headers).toEqual({});
    expect(socket?.data.user.id).toBeDefined();
  });

  it("shares one listener between sockets instead of registering each handler per socket", async () => {
    const { client: a } = await server.person();
    const { client: b } = await server.person();
    const serverSide = (c: typeof a) => {
      const socket = server.io.of("/").sockets.get(c.id ?? "");
      if (!socket) throw new Error("socket not found on the server");
      return socket;
    };
    const [sa, sb] = [serverSide(a), serverSide(b)];
    expect(sa.listenersAny()).toHaveLength(1);
    expect(sa.listenersAny()[0]).toBe(sb.listenersAny()[0]);
    for (const event of Object.keys(routes)) expect(sa.listeners(event as "disconnect")).toHaveLength(0);
    expect(sa.listeners("disconnect")[0]).toBe(sb.listeners("disconnect")[0]);
  });

  it("counts only what a person does as activity", () => {
    expect(activityEvents(routes).sort()).toEqual(
      [
        "block:add",
        "block:remove",
        "dm:open",
        "message:delete",
        "message:edit",
        "message:history",
        "message:remove-preview",
        "message:report",
        "message:send",
        "moderation:ban",
        "moderation:delete-message",
        "moderation:kick",
        "moderation:timeout",
        "reaction:add",
        "reaction:remove",
        "room:create",
        "room:delete",
        "room:join",
        "room:kick",
        "room:leave",
        "room:list",
        "room:update",
        "session:activity",
        "secret:create",
        "secret:join",
        "secret:send",
        "secret:whisper",
        "secret:who",
        "secret:leave",
        "secret:kick",
        "secret:stop",
        "typing:start",
        "user:check",
        "users:active",
        "users:last",
      ].sort(),
    );
  });
});
