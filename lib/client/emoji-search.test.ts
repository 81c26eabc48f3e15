import { describe, expect, it } from "vitest";
import data from "unicode-emoji-json/data-by-emoji.json";
import { buildEmojiList, COMMON_EMOJI, isRgiEmoji, RECENT_KEY, RECENT_MAX, readRecentEmoji, recordRecentEmoji, searchEmoji } from "@/lib/client/emoji-search";

const list = buildEmojiList(data);

class MemoryStorage {
  map = new Map<string, string>();
  getItem(k: string) {
    return this.map.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.map.set(k, v);
  }
}
const mem = () => new MemoryStorage() as unknown as Storage & MemoryStorage;

describe("buildEmojiList", () => {
  it("keeps only RGI emoji", () => {
    const built = buildEmojiList({ "👍": { name: "thumbs up", slug: "thumbs_up", group: "People" }, x: { name: "letter x", slug: "x", group: "?" } });
    expect(built.map((e) => e.emoji)).toEqual(["👍"]);
    expect(list.length).toBeGreaterThan(1500);
    expect(list.every((e) => isRgiEmoji(e.emoji))).toBe(true);
  });
});

describe("searchEmoji", () => {
  it("matches word prefixes", () => {
    expect(searchEmoji(list, "thu", 10).map((e) => e.emoji)).toContain("👍");
    expect(searchEmoji(list, "up thu", 10).map((e) => e.emoji)).toContain("👍");
  });
  it("ranks an exact name before prefix and substring matches", () => {
    expect(searchEmoji(list, "red heart", 50)[0]?.emoji).toBe("❤️");
    const results = searchEmoji(list, "heart", 100);
    expect(results[0]?.name.startsWith("heart")).toBe(true);
    expect(results.map((e) => e.emoji)).toContain("❤️");
  });
  it("ranks word-prefix matches before substring matches", () => {
    const results = searchEmoji(list, "art", 200).map((e) => e.name);
    const firstSubstring = results.findIndex((n) => !n.split(/\W+/).some((w) => w.startsWith("art")));
    const lastPrefix = results.findLastIndex((n) => n.split(/\W+/).some((w) => w.startsWith("art")));
    expect(firstSubstring).toBeGreaterThan(lastPrefix);
  });
  it("respects the limit and returns nothing for an empty query or no match", () => {
    expect(searchEmoji(list, "face", 5)).toHaveLength(5);
    expect(searchEmoji(list, "  ", 5)).toEqual([]);
    expect(searchEmoji(list, "zzzqqq", 5)).toEqual([]);
  });
});

describe("COMMON_EMOJI", () => {
  it("are 16 RGI emoji the server accepts", () => {
    expect(COMMON_EMOJI).toHaveLength(16);
    expect(COMMON_EMOJI.every(isRgiEmoji)).toBe(true);
  });
});

describe("recents", () => {
  it("are newest first, unique and capped", () => {
    const store = mem();
    recordRecentEmoji("👍", store);
    recordRecentEmoji("🎉", store);
    expect(recordRecentEmoji("👍", store)).toEqual(["👍", "🎉"]);
    expect(readRecentEmoji(store)).toEqual(["👍", "🎉"]);
    const many = list.slice(0, 30).map((e) => e.emoji);
    for (const e of many) recordRecentEmoji(e, store);
    const recent = readRecentEmoji(store);
    expect(recent).toHaveLength(RECENT_MAX);
    expect(recent[0]).toBe(many[29]);
  });
  it("survive missing, corrupt or throwing storage", () => {
    expect(readRecentEmoji(null)).toEqual([]);
    expect(recordRecentEmoji("👍", null)).toEqual(["👍"]);
    const store = mem();
    store.setItem(RECENT_KEY, "{not json");
    expect(readRecentEmoji(store)).toEqual([]);
    store.setItem(RECENT_KEY, JSON.stringify(["👍", 3, "<b>", "🎉"]));
    expect(readRecentEmoji(store)).toEqual(["👍", "🎉"]);
    const throwing = {
      getItem: () => {
        throw new Error("blocked");
      },
      setItem: () => {
        throw new Error("blocked");
      },
    } as unknown as Storage;
    expect(readRecentEmoji(throwing)).toEqual([]);
    expect(() => recordRecentEmoji("👍", throwing)).not.toThrow();
  });
  it("default to no storage without a window", () => {
    expect(readRecentEmoji()).toEqual([]);
  });
});
