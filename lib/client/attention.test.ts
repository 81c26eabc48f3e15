import { describe, expect, it } from "vitest";
import { createThrottle, notificationText, shouldNotify, tabTitle } from "@/lib/client/attention";
import { sessionEndedSentence } from "@/lib/client/session-end";
import type { ChatMessage } from "@/lib/shared/types";

const bob = { id: "b", username: "bob", displayName: "Bob" };
const message = (roomId: string, author = bob): ChatMessage => ({ id: 1, roomId, body: "hi", clientId: "c1", createdAt: "", author, kind: "text" });

describe("activity throttle", () => {
  it("lets the first input through, then one per interval", () => {
    let t = 0;
    const allow = createThrottle(60_000, () => t);
    expect(allow()).toBe(true);
    t = 59_999;
    expect(allow()).toBe(false);
    t = 60_000;
    expect(allow()).toBe(true);
    expect(allow()).toBe(false);
  });
});

describe("tab title", () => {
  it("leads with the unread total", () => {
    expect(tabTitle(0, "# general")).toBe("# general · Parley");
    expect(tabTitle(3, "# general")).toBe("(3) # general · Parley");
    expect(tabTitle(250, "Bob")).toBe("(99+) Bob · Parley");
  });
});

describe("desktop notifications", () => {
  const base = { hidden: true, permission: "granted", meId: "me", activeId: "general" };
  it("fire for other rooms and DMs while the tab is hidden", () => {
    expect(shouldNotify({ ...base, message: message("lobby"), roomKind: "public" })).toBe(true);
    expect(shouldNotify({ ...base, message: message("general", bob), activeId: "general", roomKind: "dm" })).toBe(true);
  });
  it("stay quiet when visible, not allowed, for the room on screen or your own messages", () => {
    expect(shouldNotify({ ...base, hidden: false, message: message("lobby"), roomKind: "public" })).toBe(false);
    expect(shouldNotify({ ...base, permission: "default", message: message("lobby"), roomKind: "public" })).toBe(false);
    expect(shouldNotify({ ...base, message: message("general"), roomKind: "public" })).toBe(false);
    expect(shouldNotify({ ...base, message: message("lobby", { ...bob, id: "me" }), roomKind: "public" })).toBe(false);
    expect(shouldNotify({ ...base, message: message("lobby"), roomKind: undefined })).toBe(false);
  });
  it("say who wrote what where", () => {
    expect(notificationText(message("lobby"), "#lobby")).toEqual({ title: "Bob in #lobby", body: "hi" });
    expect(notificationText(message("d"), "Bob")).toEqual({ title: "Bob", body: "hi" });
    expect(notificationText({ ...message("lobby"), kind: "me", body: "waves" }, "#lobby").body).toBe("* Bob waves");
  });
});

describe("session end sentence", () => {
  it("matches the issue's idle wording", () => {
    expect(sessionEndedSentence("idle", 30)).toBe("You were logged out after 30 minutes of inactivity");
    expect(sessionEndedSentence("idle", 1)).toBe("You were logged out after 1 minute of inactivity");
    expect(sessionEndedSentence("idle", 0.05)).toBe("You were logged out after 3 seconds of inactivity");
    expect(sessionEndedSentence("whatever", 30)).toBeNull();
    expect(sessionEndedSentence(undefined, 30)).toBeNull();
  });
});
