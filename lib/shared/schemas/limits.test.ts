import { describe, expect, it } from "vitest";
import { excerpt, REPLY_EXCERPT_CHARS } from "@/lib/shared/schemas/limits";

describe("excerpt", () => {
  it("keeps short text, and cuts long text to the limit with an ellipsis, never splitting an emoji", () => {
    expect(excerpt("short")).toBe("short");
    const long = "x".repeat(REPLY_EXCERPT_CHARS + 5);
    expect([...excerpt(long)]).toHaveLength(REPLY_EXCERPT_CHARS);
    expect(excerpt(long).endsWith("…")).toBe(true);
    expect(excerpt("🎉🎉🎉🎉", 3)).toBe("🎉🎉…");
  });
});
