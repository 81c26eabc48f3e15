import { describe, expect, it } from "vitest";
import { describeDetails, describeSettingsChange } from "@/components/admin/audit/describe-details";

const settings = {
  flood: { messages: 5, windowSeconds: 10 },
  repeatWindowSeconds: 300,
  duplicate: { count: 3, windowSeconds: 60 },
  escalationMinutes: [1, 10, 60],
  strikeDecayHours: 24,
  wordFilter: { words: ["spam", "scam"], mode: "block" },
  login: { maxAttempts: 5, blockSeconds: 300, ipMaxFailures: 20, ipWindowSeconds: 600 },
  signUp: { perAddressPerHour: 5 },
};

describe("audit details as sentences", () => {
  it("lists each changed setting as 'label: old → new unit', and nothing else", () => {
    const after = {
      ...settings,
      flood: { messages: 8, windowSeconds: 10 },
      escalationMinutes: [1, 10, 60, 1440],
      wordFilter: { words: ["spam", "pills"], mode: "mask" },
    };
    expect(describeDetails("settings", { before: settings, after })).toEqual([
      "Flood limit: 5 → 8 messages",
      "Automatic temp-ban lengths: 1, 10, 60 → 1, 10, 60, 1440 min",
      "Blocked words: added “pills”; removed “scam”",
      "Word filter mode: block → mask",
    ]);
  });

  it("says so when a save changed nothing", () => {
    expect(describeSettingsChange(settings, structuredClone(settings))).toEqual(["No values changed"]);
  });

  it("reads bans, timeouts and role changes", () => {
    expect(describeDetails("temp-ban", { minutes: 60, ip: null })).toEqual(["for 1 h"]);
    expect(describeDetails("ban", { minutes: null, ip: "203.0.113.9" })).toEqual(["permanent", "IP address 203.0.113.9 banned too"]);
    expect(describeDetails("auto-ban", { minutes: 10, strike: 2 })).toEqual(["for 10 min", "strike 2"]);
    expect(describeDetails("timeout", { minutes: 1440 })).toEqual(["for 1 d"]);
    expect(describeDetails("role", { from: "user", to: "moderator" })).toEqual(["Role: user → moderator"]);
    expect(describeDetails("slow-mode", { room: "lobby", seconds: 0 })).toEqual(["#lobby: slow mode off"]);
  });

  it("never prints JSON, whatever the shape", () => {
    const lines = describeDetails("something-new", { nested: { deep: { value: 1 } }, list: [1, { a: 2 }], empty: "" });
    expect(lines).toEqual(["nested.deep.value: 1", "list: 1, a: 2"]);
    expect(lines.join(" ")).not.toMatch(/[{}"]/);
  });
});
