import { describe, expect, it } from "vitest";
import { isAppError } from "@/lib/shared/errors";
import { isEmptySearch, parseSearchQuery } from "@/lib/shared/search-query";

describe("parseSearchQuery", () => {
  it("reads words and quoted phrases", () => {
    const q = parseSearchQuery('deploy "release notes"  friday "unclosed phrase');
    expect(q.words).toEqual(["deploy", "friday"]);
    expect(q.phrases).toEqual(["release notes", "unclosed phrase"]);
  });

  it("reads every filter", () => {
    const q = parseSearchQuery("from:Alice in:#General has:link has:file mentions:me before:2026-03-01 after:2026-02-01 cake");
    expect(q).toMatchObject({ from: "alice", in: "general", hasLink: true, hasFile: true, mentionsMe: true, words: ["cake"], phrases: [] });
    expect(q.before?.toISOString()).toBe("2026-03-01T00:00:00.000Z");
    // after: a day means after that whole day.
    expect(q.after?.toISOString()).toBe("2026-02-02T00:00:00.000Z");
    expect(parseSearchQuery("in:general").in).toBe("general");
  });

  it("treats unknown or empty filters as words", () => {
    const q = parseSearchQuery("http://x.org has:cake mentions:bob in:# foo:bar");
    expect(q.words).toEqual(["http://x.org", "has:cake", "mentions:bob", "in:#", "foo:bar"]);
    expect(q.hasLink).toBe(false);
  });

  it("refuses a date it cannot read, with a sentence", () => {
    for (const bad of ["before:2026-13-01", "after:yesterday", "before:2026-02-30"]) {
      try {
        parseSearchQuery(bad);
        expect.unreachable();
      } catch (error) {
        expect(isAppError(error) && error.code).toBe("VALIDATION");
        expect((error as Error).message).toMatch(/YYYY-MM-DD/);
      }
    }
  });

  it("knows an empty query", () => {
    expect(isEmptySearch(parseSearchQuery('  "" '))).toBe(true);
    expect(isEmptySearch(parseSearchQuery("has:file"))).toBe(false);
  });
});
