import { describe, expect, it } from "vitest";
import type { MentionOption } from "@/lib/client/mention-query";
import { completeMention, mentionAt, mentionOptions } from "@/lib/client/mention-query";
import type { RoomMemberInfo } from "@/lib/shared/types";

/** The text with `|` marking the caret. */
function at(marked: string) {
  const caret = marked.indexOf("|");
  return mentionAt(marked.replace("|", ""), caret);
}

const member = (id: string, username: string, displayName: string, online = false): RoomMemberInfo => ({
  id,
  username,
  displayName,
  avatarUrl: null,
  online,
  isOwner: false,
});

const me = member("u0", "me", "Me Myself", true);
const alice = member("u1", "alice", "Alice Liddell");
const alan = member("u2", "alan_turing", "Alan Turing", true);
const bob = member("u3", "bob", "Bob Albrecht", true);
const carol = member("u4", "carol", "Carol Sal", false);
const members = [me, alice, alan, bob, carol];

const names = (options: MentionOption[]) => options.map((o) => (o.kind === "here" ? "@here" : o.user.username));

describe("mentionAt", () => {
  it("finds a token at the start of the text", () => {
    expect(at("@al|")).toEqual({ start: 0, end: 3, query: "al" });
  });

  it("opens on a bare @ with an empty query", () => {
    expect(at("@|")).toEqual({ start: 0, end: 1, query: "" });
    expect(at("hi @|")).toEqual({ start: 3, end: 4, query: "" });
  });

  it("finds a token mid-sentence", () => {
    expect(at("hello @bo| how are you")).toEqual({ start: 6, end: 9, query: "bo" });
  });

  it("finds a token after a newline", () => {
    expect(at("first line\n@car|")).toEqual({ start: 11, end: 15, query: "car" });
  });

  it("finds a token after opening punctuation", () => {
    expect(at("(@al|")).toEqual({ start: 1, end: 4, query: "al" });
    expect(at('"@al|')).toEqual({ start: 1, end: 4, query: "al" });
    expect(at("ok,@al|")).toEqual({ start: 3, end: 6, query: "al" });
  });

  it("keeps the typed case in the query", () => {
    expect(at("@AlIce|")?.query).toBe("AlIce");
  });

  it("does not treat an email address as a mention", () => {
    expect(at("mail a@b|")).toBeNull();
    expect(at("write to alice@example|.com")).toBeNull();
    expect(at("@bob@exa|mple.com")).toBeNull();
    expect(at("@b|ob@example.com")).toBeNull();
  });

  it("with the caret in the middle of the name, queries what is before it and spans the whole word", () => {
    expect(at("hi @al|ice there")).toEqual({ start: 3, end: 9, query: "al" });
    expect(at("hi @|alice")).toEqual({ start: 3, end: 9, query: "" });
  });

  it("is null when the caret is in an ordinary word", () => {
    expect(at("hel|lo")).toBeNull();
    expect(at("hello|")).toBeNull();
    expect(at("")).toBeNull();
  });

  it("is null once the token is left behind", () => {
    expect(at("@alice |")).toBeNull();
    expect(at("@alice, |")).toBeNull();
    expect(at("|@alice")).toBeNull();
  });

  it("is null when the name has other characters", () => {
    expect(at("@al-i|")).toBeNull();
    expect(at("@al.i|")).toBeNull();
    expect(at("@@al|")).toBeNull();
  });

  it("is null inside inline code, but not after it", () => {
    expect(at("see `@al|")).toBeNull();
    expect(at("see `x @al|` here")).toBeNull();
    expect(at("see `code` @al|")).toEqual({ start: 11, end: 14, query: "al" });
    expect(at("```\n@al|")).toBeNull();
    expect(at("```\ncode\n```\n@al|")).toEqual({ start: 13, end: 16, query: "al" });
  });

  it("is null for a caret out of range", () => {
    expect(mentionAt("@al", 9)).toBeNull();
    expect(mentionAt("@al", -1)).toBeNull();
  });
});

describe("mentionOptions", () => {
  const opts = { meId: me.id, canMentionHere: false };

  it("lists everyone but you for an empty query, online first then by name", () => {
    expect(names(mentionOptions(members, "", opts))).toEqual(["alan_turing", "bob", "alice", "carol"]);
  });

  it("matches a username or display name prefix, case-insensitively", () => {
    expect(names(mentionOptions(members, "AL", opts))).toEqual(["alan_turing", "alice", "bob", "carol"]);
    expect(names(mentionOptions(members, "ALI", opts))).toEqual(["alice"]);
    expect(names(mentionOptions(members, "bo", opts))).toEqual(["bob"]);
  });

  it("ranks prefixes before word prefixes before substrings", () => {
    // alice and alan: prefixes; bob: "Albrecht" word prefix; carol: "Sal" holds "al".
    expect(names(mentionOptions(members, "al", opts))).toEqual(["alan_turing", "alice", "bob", "carol"]);
    expect(names(mentionOptions(members, "turing", opts))).toEqual(["alan_turing"]);
    expect(names(mentionOptions(members, "lid", opts))).toEqual(["alice"]);
  });

  it("puts an exact username first", () => {
    const bobby = member("u5", "bobby", "Bobby", true);
    expect(names(mentionOptions([bobby, bob], "bob", opts))).toEqual(["bob", "bobby"]);
  });

  it("never offers yourself", () => {
    expect(names(mentionOptions(members, "me", opts))).toEqual([]);
  });

  it("returns nothing when no one matches", () => {
    expect(mentionOptions(members, "zzz", opts)).toEqual([]);
  });

  it("offers @here first only when allowed and it matches", () => {
    const here = { ...opts, canMentionHere: true };
    expect(mentionOptions(members, "", here)[0]).toEqual({ kind: "here" });
    expect(names(mentionOptions(members, "He", here))).toEqual(["@here"]);
    expect(names(mentionOptions(members, "here", here))).toEqual(["@here"]);
    expect(names(mentionOptions(members, "heres", here))).toEqual([]);
    expect(names(mentionOptions(members, "al", here))).not.toContain("@here");
    expect(names(mentionOptions(members, "", opts))).not.toContain("@here");
    expect(names(mentionOptions(members, "he", opts))).toEqual([]);
  });

  it("keeps to the limit, @here included", () => {
    const many = Array.from({ length: 20 }, (_, i) => member(`m${i}`, `user${i}`, `User ${i}`));
    expect(mentionOptions(many, "", opts)).toHaveLength(8);
    expect(mentionOptions(many, "", { ...opts, limit: 3 })).toHaveLength(3);
    const withHere = mentionOptions(many, "", { ...opts, canMentionHere: true, limit: 3 });
    expect(withHere).toHaveLength(3);
    expect(withHere[0]).toEqual({ kind: "here" });
  });
});

describe("completeMention", () => {
  const user: MentionOption = { kind: "user", user: alice };

  it("replaces the token and puts the caret after the added space", () => {
    const text = "@al";
    expect(completeMention(text, { start: 0, end: 3 }, user)).toEqual({ text: "@alice ", caret: 7 });
  });

  it("works mid-sentence and keeps the rest of the text", () => {
    const text = "hi @al and more";
    const token = mentionAt(text, 6)!;
    expect(completeMention(text, token, user)).toEqual({ text: "hi @alice and more", caret: 10 });
  });

  it("replaces the whole word when the caret was inside it", () => {
    const text = "hi @alxyz!";
    const token = mentionAt(text, 6)!;
    expect(completeMention(text, token, user)).toEqual({ text: "hi @alice !", caret: 10 });
  });

  it("completes @here", () => {
    const text = "ping @h";
    expect(completeMention(text, mentionAt(text, 7)!, { kind: "here" })).toEqual({ text: "ping @here ", caret: 11 });
  });

  it("after a newline", () => {
    const text = "line\n@";
    expect(completeMention(text, mentionAt(text, 6)!, user)).toEqual({ text: "line\n@alice ", caret: 12 });
  });
});
