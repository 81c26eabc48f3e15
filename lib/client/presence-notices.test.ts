import { describe, expect, it } from "vitest";
import { presenceNotice } from "@/lib/client/presence-notices";

describe("presence notices", () => {
  it("says a person who went offline logged out, not that they left (that is for rooms)", () => {
    expect(presenceNotice("offline", "Bob")).toEqual({ line: "Bob logged out", toast: "Bob logged out" });
  });

  it("says a person who came online is online and logged in", () => {
    expect(presenceNotice("online", "Bob")).toEqual({ line: "Bob is online", toast: "Bob logged in" });
  });
});
