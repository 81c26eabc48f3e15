import { describe, expect, it, vi } from "vitest";
import type { Command } from "@/lib/client/commands";
import { parseCommand } from "@/lib/client/commands";
import type { Requester } from "@/lib/client/request";
import type { CommandHost } from "@/lib/client/run-command";
import { runCommand } from "@/lib/client/run-command";
import type { MyRoom } from "@/lib/shared/types";

const me = { id: "me", username: "me", displayName: "Me", role: "user" as const };
const alice = { id: "a", username: "alice", displayName: "Alice" };
const lobby: MyRoom = {
  id: "r1",
  name: "lobby",
  description: "",
  kind: "public",
  memberLimit: 0,
  slowModeSeconds: 0,
  memberCount: 2,
  ownerId: "me",
  unread: 0,
  lastReadId: 0,
};
const ok = { ok: true as const, data: null };

function fakeHost(answers: Record<string, unknown> = {}, room: MyRoom | null = lobby) {
  const printed: { text: string; tone?: string }[] = [];
  const asked: [string, unknown][] = [];
  const ask = (async (event: string, payload: unknown) => {
    asked.push([event, payload]);
    return event in answers ? { ok: true, data: answers[event] } : { ok: false, error: { code: "FORBIDDEN", message: `no ${event}` } };
  }) as Requester;
  const host: CommandHost = {
    me,
    room: room ?? undefined,
    ask,
    print: (text, tone) => printed.push({ text, tone }),
    join: vi.fn(async () => ok),
    leave: vi.fn(async () => ok),
    create: vi.fn(async () => ({ ok: false as const, error: "A room named #lobby already exists" })),
    message: vi.fn(async () => ok),
    send: vi.fn(),
    block: vi.fn(async () => ({ ok: true as const, data: [alice] })),
    unblock: vi.fn(async () => ({ ok: true as const, data: { unblocked: [], notBlocked: [alice] } })),
    kick: vi.fn(async () => ({ ok: false as const, error: "Only the room owner or a moderator can kick" })),
    quit: vi.fn(),
    search: vi.fn(),
  };
  return { host, printed, asked };
}
const run = (text: string, host: CommandHost) => {
  const parsed = parseCommand(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return runCommand(parsed.command as Command, host);
};

describe("runCommand", () => {
  it("/help prints every command's usage", async () => {
    const { host, printed } = fakeHost();
    await run("/help", host);
    expect(printed[0]?.text).toContain("/join <room> [password]");
    expect(printed[0]?.text).toContain("/whisper <user> <text> (also /purr)");
    expect(printed[0]?.text).toContain("/search <query> — Search messages");
  });

  it("uses the same actions as the buttons, with the parsed arguments", async () => {
    const { host } = fakeHost();
    await run("/join #vault pw", host);
    expect(host.join).toHaveBeenCalledWith({ name: "vault", password: "pw" });
    await run("/leave", host);
    expect(host.leave).toHaveBeenCalledWith("r1");
    await run("/msg (alice bob) hi", host);
    expect(host.message).toHaveBeenCalledWith(["alice", "bob"], "hi");
    await run("/me waves", host);
    expect(host.send).toHaveBeenCalledWith("waves", { kind: "me" });
    await run("/purr alice psst", host);
    expect(host.send).toHaveBeenCalledWith("psst", { whisperTo: "alice" });
    await run("/search deploy from:ann", host);
    expect(host.search).toHaveBeenCalledWith("deploy from:ann");
    await run("/quit", host);
    expect(host.quit).toHaveBeenCalled();
  });

  it("prints the server's refusal as an error line", async () => {
    const { host, printed } = fakeHost();
    await run("/create lobby --limit 3", host);
    expect(host.create).toHaveBeenCalledWith({ name: "lobby", kind: "public", password: undefined, memberLimit: 3 });
    await run("/kick alice", host);
    expect(printed).toEqual([
      { text: "A room named #lobby already exists", tone: "error" },
      { text: "Only the room owner or a moderator can kick", tone: "error" },
    ]);
  });

  it("lists people for /who, /last, /active and /list", async () => {
    const { host, printed, asked } = fakeHost({
      "presence:list": { users: [alice, me] },
      "users:last": { users: [] },
      "users:active": { users: [alice] },
      "room:members": {
        members: [
          { ...alice, online: false, isOwner: false },
          { ...me, online: true, isOwner: true },
        ],
      },
    });
    await run("/who", host);
    await run("/last 5", host);
    await run("/active 1", host);
    await run("/list", host);
    expect(asked.map(([e, p]) => [e, p])).toEqual([
      ["presence:list", {}],
      ["users:last", { minutes: 5 }],
      ["users:active", { minutes: 1 }],
      ["room:members", { roomId: "r1" }],
    ]);
    expect(printed.map((p) => p.text)).toEqual([
      "Online now (2): Alice (@alice), Me (@me)",
      "Nobody was seen in the last 5 minutes.",
      "Active in the last 1 minute (1): Alice (@alice)",
      "Members of #lobby (2): Me (@me), owner; Alice (@alice), offline",
    ]);
  });

  it("/check shows only the public profile", async () => {
    const { host, printed } = fakeHost({
      "user:check": { ...alice, joinedAt: "2026-01-03T12:00:00Z", online: false, lastSeenAt: new Date(Date.now() - 5 * 60_000).toISOString() },
    });
    await run("/check @alice", host);
    expect(printed[0]?.text).toMatch(/^Alice \(@alice\) — last seen 5 minutes ago · joined /);
  });

  it("/rooms lists rooms and DMs with unread counts", async () => {
    const dm: MyRoom = { ...lobby, id: "d", name: "dm-x", kind: "dm", unread: 1, participants: [me, alice] };
    const { host, printed } = fakeHost({ "room:mine": { rooms: [{ ...lobby, unread: 3 }, dm] } });
    await run("/rooms", host);
    expect(printed[0]?.text).toBe("Your rooms (1): #lobby (2 members) — 3 unread\nDirect messages (1):\n  with Alice (@alice) — 1 unread");
  });

  it("/rooms tells conversations with the same people apart and counts one member as one", async () => {
    const bob = { id: "b", username: "bob", displayName: "Bob" };
    const carol = { id: "c", username: "carol", displayName: "Carol" };
    const dm = (id: string, participants: (typeof bob)[]): MyRoom => ({
      ...lobby,
      id,
      name: `~dm:${id}`,
      kind: "dm",
      memberCount: participants.length,
      participants,
    });
    const solo: MyRoom = { ...lobby, id: "s", name: "solo", memberCount: 1 };
    const { host, printed } = fakeHost({ "room:mine": { rooms: [solo, dm("1", [me, bob]), dm("2", [carol, me]), dm("3", [bob, me, carol])] } });
    await run("/rooms", host);
    expect(printed[0]?.text).toBe(
      ["Your rooms (1): #solo (1 member)", "Direct messages (3):", "  with Bob (@bob)", "  with Carol (@carol)", "  with Bob (@bob) and Carol (@carol)"].join(
        "\n",
      ),
    );
  });

  it("/leave says which room was left", async () => {
    const { host, printed } = fakeHost();
    await run("/leave", host);
    expect(printed).toEqual([{ text: "You left #lobby.", tone: undefined }]);
  });

  it("/unblock says so when the person was not blocked, and unblocks only who was", async () => {
    const { host, printed } = fakeHost();
    await run("/unblock alice", host);
    expect(printed[0]?.text).toBe("Alice wasn't blocked.");
    const bob = { id: "b", username: "bob", displayName: "Bob" };
    vi.mocked(host.unblock).mockResolvedValueOnce({ ok: true, data: { unblocked: [bob], notBlocked: [alice] } });
    await run("/unblock (alice bob)", host);
    expect(printed[1]?.text).toBe("Unblocked Bob (@bob). Alice wasn't blocked.");
  });

  it("/block says who was blocked and that room messages stay visible", async () => {
    const { host, printed } = fakeHost();
    await run("/block (alice bob)", host);
    expect(host.block).toHaveBeenCalledWith(["alice", "bob"]);
    expect(printed[0]?.text).toBe("Blocked Alice (@alice). They can't DM or whisper you. Blocking does not hide room messages.");
  });

  it("refuses room commands when there is no fitting room", async () => {
    const { host, printed } = fakeHost({}, null);
    await run("/me waves", host);
    const dm = fakeHost({}, { ...lobby, kind: "dm" });
    await run("/kick alice", dm.host);
    await run("/leave", dm.host);
    expect(host.send).not.toHaveBeenCalled();
    expect(dm.host.kick).not.toHaveBeenCalled();
    expect([...printed, ...dm.printed].every((p) => p.tone === "error")).toBe(true);
  });
});
