import { describe, expect, it } from "vitest";
import { firstLink } from "@/lib/server/services/link-preview/first-link";

describe("firstLink", () => {
  it.each([
    ["see https://example.com/a?b=1.", "https://example.com/a?b=1"],
    ["two: http://one.example, https://two.example", "http://one.example"],
    ["(https://en.wikipedia.org/wiki/Foo_(bar))", "https://en.wikipedia.org/wiki/Foo_(bar)"],
    ["(see https://example.com/x)", "https://example.com/x"],
    ["really? https://example.com/!?", "https://example.com/"],
    ["`https://code.example` then https://real.example", "https://real.example"],
    ["```\nhttps://fenced.example\n```\nhttps://after.example", "https://after.example"],
    ["HTTPS://Upper.example/Path", "HTTPS://Upper.example/Path"],
  ])("%j → %s", (body, link) => expect(firstLink(body)).toBe(link));

  it.each(["no links here", "ftp://files.example", "`https://only-code.example`", "```\nhttps://unclosed.example"])("%j has no link", (body) =>
    expect(firstLink(body)).toBeNull(),
  );

  it("skips links longer than 2048 characters", () => {
    expect(firstLink(`https://example.com/${"a".repeat(2100)} https://short.example`)).toBe("https://short.example");
  });
});
