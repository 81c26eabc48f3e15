import { describe, expect, it } from "vitest";
import { chatReducer, emptyChat, type ChatState } from "@/lib/client/chat-state";
import { createStore, storeReducer, type ChatStore } from "@/lib/client/chat-store";
import { newPending, nextToSend } from "@/lib/client/outbox";
import type { RoomSummary } from "@/lib/types";

const me = { id: "me", username: "me", displayName: "Me" };
const room = (id: string): RoomSummary => ({ id, name: id, description: "", kind: "public", memberLimit: 0, slowModeSeconds: 0, memberCount: 1, ownerId: null });

function storeWith(...roomIds: string[]): ChatStore {
  let s = createStore(room(roomIds[0]!));
  for (const id of roomIds) s = storeReducer(s, { type: "joined", result: { room: room(id), messages: [], hasMore: false, caughtUp: true }, catchUp: false });
  return s;
}
const queue = (s: ChatStore, roomId: string, body: string) => storeReducer(s, { type: "stream", roomId, action: { type: "pending", item: newPending(body, {}, me) } });

describe("outbox", () => {
  it("sends in the order typed, across rooms, one at a time", () => {
    let s = storeWith("general", "lobby");
    s = queue(s, "general", "one");
    s = queue(s, "lobby", "two");
    s = queue(s, "general", "three");
    const sent: string[] = [];
    for (let next = nextToSend(s); next; next = nextToSend(s)) {
      const { roomId, item } = next;
      s = storeReducer(s, { type: "stream", roomId, action: { type: "sending", clientId: item.clientId, attempt: 1 } });
      // Nothing else goes on the wire until this one is answered.
      expect(nextToSend(s)).toBeNull();
      sent.push(item.body);
      s = storeReducer(s, {
        type: "stream",
        roomId,
        action: { type: "delivered", message: { id: sent.length, roomId, body: item.body, clientId: item.clientId, createdAt: "", author: me, kind: "text" } },
      });
    }
    expect(sent).toEqual(["one", "two", "three"]);
  });

  it("resends after a dropped connection with the clientId chosen when the user sent it", () => {
    let s = queue(storeWith("general"), "general", "typed once");
    const first = nextToSend(s)!;
    s = storeReducer(s, { type: "stream", roomId: "general", action: { type: "sending", clientId: first.item.clientId, attempt: 1 } });
    s = storeReducer(s, { type: "connection-lost" });
    const again = nextToSend(s)!;
    expect(again.item.clientId).toBe(first.item.clientId);
    expect(again.item.attempt).toBe(1);
    const stream: ChatState = s.streams.general ?? emptyChat;
    expect(stream.items.filter((i) => i.kind === "pending")).toHaveLength(1);
  });

  it("skips refused sends and lets the ones after them go", () => {
    let s = queue(queue(storeWith("general"), "general", "bad word"), "general", "fine");
    const bad = nextToSend(s)!;
    s = storeReducer(s, { type: "stream", roomId: "general", action: { type: "sending", clientId: bad.item.clientId, attempt: 1 } });
    s = storeReducer(s, { type: "stream", roomId: "general", action: { type: "failed", clientId: bad.item.clientId, attempt: 1, error: { code: "FORBIDDEN", message: "not allowed" } } });
    expect(nextToSend(s)?.item.body).toBe("fine");
  });

  it("gives every new message its own clientId", () => {
    const ids = new Set(Array.from({ length: 100 }, () => newPending("x", {}, me).clientId));
    expect(ids.size).toBe(100);
    expect(chatReducer(emptyChat, { type: "connection-lost" })).toBe(emptyChat);
  });
});
