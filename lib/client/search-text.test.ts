import { describe, expect, it } from "vitest";
import { aroundFirstHit, highlightParts } from "@/lib/client/search-text";

describe("search result text", () => {
  it("marks the server's ranges and keeps every character once", () => {
    expect(
      highlightParts("Release notes for Friday", [
        [0, 7],
        [8, 13],
      ]),
    ).toEqual([
      { text: "Release", hit: true },
      { text: " ", hit: false },
      { text: "notes", hit: true },
      { text: " for Friday", hit: false },
    ]);
    expect(highlightParts("no match", [])).toEqual([{ text: "no match", hit: false }]);
  });

  it("clips ranges that overlap, run backwards or past the end", () => {
    const parts = highlightParts("<b>zebra</b>", [
      [3, 8],
      [5, 6],
      [10, 99],
      [7, 2],
    ]);
    expect(parts.map((p) => p.text).join("")).toBe("<b>zebra</b>");
    expect(parts.filter((p) => p.hit).map((p) => p.text)).toEqual(["zebra", "b>"]);
  });

  it("starts a long message near its first match", () => {
    const body = `${"x".repeat(300)} needle ${"y".repeat(100)}`;
    const cut = aroundFirstHit(body, [[301, 307]]);
    expect(cut.cut).toBe(true);
    expect(cut.text.startsWith("…")).toBe(true);
    const [range] = cut.ranges;
    expect(cut.text.slice(range?.[0], range?.[1])).toBe("needle");
  });
});
