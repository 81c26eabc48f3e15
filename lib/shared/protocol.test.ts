import fs from "node:fs";
import path from "node:path";
import { describe, expect, expectTypeOf, it } from "vitest";
import type { Requester } from "@/lib/client/request";
import type { ClientSocket } from "@/lib/client/socket";
import type { JoinRoomResult, SentMessage } from "@/lib/shared/events";
import type { AckData, EventPayload, ParsedPayload } from "@/lib/shared/protocol";
import { clientEvents } from "@/lib/shared/protocol";
import type { Routes } from "@/lib/server/realtime/router";
import { on } from "@/lib/server/realtime/router";
import { routes } from "@/lib/server/realtime/routes";

/*
 * The type-level half runs in `npm run typecheck` (tsc checks test files too): every
 * `@ts-expect-error` below must stay an error, or the check fails.
 */

/** Never called: it only has to compile. */
// biome-ignore lint/suspicious/noExportsInTest: exported so the compiler checks it without anything calling it.
export function clientCallSites(ask: Requester, socket: ClientSocket) {
  void ask("room:join", { roomId: "r1", afterId: 3 });
  void ask("room:join", { name: "#general", password: "secret" });
  // @ts-expect-error room ids are strings
  void ask("room:join", { roomId: 1 });
  // @ts-expect-error the event's schema has no `text`: it is `body`
  void ask("message:send", { roomId: "r1", text: "hi", clientId: "c-000001" });
  // @ts-expect-error `kind` is "text" or "me"
  void ask("message:send", { roomId: "r1", body: "hi", clientId: "c-000001", kind: "whisper" });
  // @ts-expect-error a report's reason is one of the schema's three
  void ask("message:report", { messageId: 1, reason: "rude" });
  // @ts-expect-error events without a payload take nothing or {}
  void ask("room:mine", { everything: true });
  // @ts-expect-error not an event of the protocol
  void ask("room:explode", {});
  // A field a sigil is stripped from (`@alice`) is still typed as the string it must be.
  // @ts-expect-error usernames are strings
  void ask("user:check", { username: 42 });

  // Fire-and-forget events go out without an ack, typed all the same.
  socket.emit("room:read", { roomId: "r1", lastId: 7 });
  // @ts-expect-error lastId is a message id (a number)
  socket.emit("room:read", { roomId: "r1", lastId: "7" });
  // @ts-expect-error an event that answers needs its ack
  socket.emit("room:mine", {});
}

describe("the protocol table", () => {
  it("keeps what a client may leave out (defaults) apart from what a handler gets", () => {
    expectTypeOf<EventPayload<"message:send">["kind"]>().toEqualTypeOf<"text" | "me" | undefined>();
    expectTypeOf<ParsedPayload<"message:send">["kind"]>().toEqualTypeOf<"text" | "me">();
    expectTypeOf<EventPayload<"message:history">["limit"]>().toEqualTypeOf<number | undefined>();
    expectTypeOf<ParsedPayload<"message:history">["limit"]>().toEqualTypeOf<number>();
    expectTypeOf<EventPayload<"room:create">>().toHaveProperty("memberLimit").toEqualTypeOf<number | undefined>();
    expectTypeOf<ParsedPayload<"room:create">["memberLimit"]>().toEqualTypeOf<number>();
    expectTypeOf<ParsedPayload<"message:report">["note"]>().toEqualTypeOf<string>();
    expectTypeOf<EventPayload<"room:mine">>().toEqualTypeOf<Record<string, never> | undefined>();
    // A client may omit defaulted fields; a handler can count on them.
    expectTypeOf<{ roomId: string; body: string; clientId: string }>().toExtend<EventPayload<"message:send">>();
    expectTypeOf<{ roomId: string; body: string; clientId: string }>().not.toExtend<ParsedPayload<"message:send">>();
  });

  it("types each ack's data", () => {
    expectTypeOf<AckData<"room:join">>().toEqualTypeOf<JoinRoomResult>();
    expectTypeOf<AckData<"message:send">>().toEqualTypeOf<SentMessage>();
    expectTypeOf<AckData<"room:leave">>().toEqualTypeOf<null>();
    expectTypeOf<AckData<"typing:start">>().toEqualTypeOf<null>();
  });

  it("types a handler's input by its own event's schema", () => {
    const checked = {
      "message:send": on(async (_ctx, input) => {
        expectTypeOf(input).toEqualTypeOf<ParsedPayload<"message:send">>();
        expectTypeOf(input.kind).toEqualTypeOf<"text" | "me">();
        // @ts-expect-error message:send's schema has no `text`
        void input.text;
        return {
          id: 1,
          roomId: input.roomId,
          body: input.body,
          clientId: input.clientId,
          createdAt: "",
          author: { id: "u", username: "u", displayName: "U" },
          kind: input.kind,
        };
      }),
      "room:leave": on((_ctx, input) => {
        // @ts-expect-error room:leave's payload is `{ roomId }`: no name
        void input.name;
        return null;
      }),
      // @ts-expect-error room:kick answers null, not a list
      "room:kick": on(() => ({ rooms: [] })),
    } satisfies Partial<Routes>;
    expect(Object.keys(checked)).toHaveLength(3);

    // Both answer null; room:kick's route reads a `username` room:leave's schema doesn't have.
    // @ts-expect-error one event's route can't stand in for another's
    const swapped: Routes["room:leave"] = routes["room:kick"];
    // @ts-expect-error every event of the protocol needs its route
    const incomplete: Routes = { ...routes, "room:join": undefined };
    expect([swapped, incomplete]).toHaveLength(2);
  });

  it("has exactly one route per event, and nothing else", () => {
    expect(Object.keys(routes).sort()).toEqual(Object.keys(clientEvents).sort());
  });

  it("is what docs/protocol.md lists, event for event", () => {
    const doc = fs.readFileSync(path.join(process.cwd(), "docs/protocol.md"), "utf8");
    const section = doc.slice(doc.indexOf("## Client → server"), doc.indexOf("## Server → client"));
    const documented = [...section.matchAll(/^\| `([a-z-]+:[a-z-]+)` \|/gm)].map((m) => m[1]);
    expect(documented.sort()).toEqual(Object.keys(clientEvents).sort());
  });
});
