import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { firstHistory } from "@/lib/server/services/first-history";
import type { JoinRoomResult } from "@/lib/shared/events";
import type { RoomSummary, SessionUser } from "@/lib/shared/types";
import type { TestServer } from "@/tests/socket-harness";
import { call, startTestServer } from "@/tests/socket-harness";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

const load = (viewer: SessionUser, roomId = server.roomId, ip = "10.1.2.3") => {
  const { memberships, messages, moderation } = server.context;
  return firstHistory({ memberships, messages, sanctions: moderation.sanctions }, viewer, roomId, ip);
};

describe("the chat page's first history", () => {
  it("is the page room:join answers the same viewer, whispers to others left out, with room:mine's read position", async () => {
    // Staff: 55 sends in a row are not a flood.
    const ann = await server.person({ role: "admin", joinGeneral: true });
    const ben = await server.person({ joinGeneral: true });
    const cat = await server.person({ joinGeneral: true });
    for (let i = 1; i <= 55; i++)
      expect((await call(ann.client, "message:send", { roomId: server.roomId, body: `page ${i}`, clientId: `first-history-${i}` })).ok).toBe(true);
    expect(
      (await call(ann.client, "message:send", { roomId: server.roomId, body: "psst", clientId: "first-history-w", whisperTo: cat.user.username })).ok,
    ).toBe(true);

    const joined = await call<JoinRoomResult>(ben.client, "room:join", { roomId: server.roomId });
    if (!joined.ok) throw new Error(joined.error.message);
    const first = await load(ben.user);
    expect(first?.messages).toEqual(joined.data.messages);
    expect(first?.hasMore).toBe(joined.data.hasMore);
    expect(first?.messages.map((m) => m.body)).not.toContain("psst");
    expect(first?.messages.at(-1)?.body).toBe("page 55");
    expect((await load(cat.user))?.messages.at(-1)?.body).toBe("psst");

    const mine = await call<{ rooms: { id: string; unread: number; lastReadId: number }[] }>(ben.client, "room:mine", {});
    if (!mine.ok) throw new Error(mine.error.message);
    expect(first?.room).toMatchObject(mine.data.rooms.find((r) => r.id === server.roomId)!);
    expect(first?.room.unread).toBeGreaterThan(0);
  });

  it("is nothing for a room the viewer is not in, or for someone the socket would refuse", async () => {
    const owner = await server.person();
    const created = await call<RoomSummary>(owner.client, "room:create", { name: `fh${Date.now().toString(36)}` });
    if (!created.ok) throw new Error(created.error.message);
    const outsider = await server.person({ joinGeneral: true });
    expect(await load(outsider.user, created.data.id)).toBeNull();
    expect(await load(owner.user, created.data.id)).not.toBeNull();

    expect(await load(outsider.user)).not.toBeNull();
    await server.context.moderation.sanctions.impose({ kind: "ban", userId: outsider.user.id, reason: "x", minutes: 10, byId: null, ip: "10.9.9.9" });
    expect(await load(outsider.user)).toBeNull();
    // The address is banned too: someone else signed in from it sees no history either.
    expect(await load(owner.user, server.roomId, "10.9.9.9")).toBeNull();
  });
});
