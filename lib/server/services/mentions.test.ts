import { describe, expect, it } from "vitest";
import { mentionNeedle, parseMentions, readMentions, storeMentions } from "@/lib/server/services/mentions";

describe("parseMentions", () => {
  it("reads @names at the start, after spaces and punctuation, lower-cased, each once", () => {
    expect(parseMentions("@Ada hi, (@bob) and @ada again!\n@carol_9: see this")).toEqual({ usernames: ["ada", "bob", "carol_9"], here: false });
  });

  it("is not fooled by e-mail addresses, doubled signs or names inside code", () => {
    expect(parseMentions("mail ada@example.com or @@bob, not `@carol` or\n```\n@dave\n```")).toEqual({ usernames: [], here: false });
  });

  it("notices @here apart from names", () => {
    expect(parseMentions("@here standup, @bob too")).toEqual({ usernames: ["bob"], here: true });
    expect(parseMentions("there@here.com")).toEqual({ usernames: [], here: false });
  });

  it("looks up at most 20 different names", () => {
    const body = Array.from({ length: 30 }, (_, i) => `@user${i}`).join(" ");
    expect(parseMentions(body).usernames).toHaveLength(20);
  });
});

describe("stored mentions", () => {
  it("round-trip through the Message.mentions column, and the badge's needle matches only whole ids", () => {
    const stored = storeMentions({ userIds: ["cuid1", "cuid12"], usernames: ["ada"], here: true });
    expect(readMentions(stored)).toEqual({ userIds: ["cuid1", "cuid12"], usernames: ["ada"], here: true });
    expect(stored?.includes(mentionNeedle("cuid1"))).toBe(true);
    expect(storeMentions({ userIds: ["cuid12"], usernames: [] })?.includes(mentionNeedle("cuid1"))).toBe(false);
    expect(storeMentions(null)).toBeNull();
    expect(readMentions("not json")).toBeUndefined();
    expect(readMentions(null)).toBeUndefined();
  });
});
